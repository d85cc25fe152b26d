"""The theme model: finds known themes, picks its number of themes, is repeatable, drops no row."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.base import clone
from sklearn.metrics import adjusted_rand_score

from coprod_lab.errors import CoprodLabError
from coprod_lab.themes import UNCLUSTERED, ThemeModel
from tests.themes.feedback import sample

FOOD = [
    "The food was cold and tasteless.",
    "Hospital meals were bland and the portions tiny.",
    "Dinner arrived late and the soup was cold.",
    "The sandwiches at lunch were stale.",
    "Breakfast was nice, hot toast and tea.",
    "There was no vegetarian option on the menu.",
    "The food here is awful, nobody could eat it.",
    "Meals were tasty and there was plenty to eat.",
    "I did not like the food, it was greasy.",
    "Lunch and supper were good, a decent choice of food.",
    "The tea trolley never came and I was hungry.",
    "The dinners were lovely, proper home cooking.",
]
PARKING = [
    "Parking at the hospital is impossible.",
    "I drove round the car park for forty minutes.",
    "The car park charges are far too high.",
    "There were no disabled parking spaces left.",
    "Parking cost me twelve pounds for one visit.",
    "The parking machine would not take cards.",
    "Car parking is a nightmare, there are never any spaces.",
    "I got a parking fine while I was at my appointment.",
    "The multi-storey car park was full again.",
    "Please make parking free for patients.",
    "The car park is too far from the entrance.",
    "Not enough parking for visitors.",
]
WAITING = [
    "I waited four hours in A&E to be seen.",
    "The waiting list for surgery is eighteen months.",
    "My appointment was delayed by two hours.",
    "I waited weeks for a referral letter.",
    "The wait to see a doctor was far too long.",
    "We sat in the waiting room all afternoon.",
    "It took three months to get an appointment.",
    "Waiting times at the clinic are terrible.",
    "I was kept waiting with no explanation.",
    "The delay before my scan was very worrying.",
    "Long waits on the phone before anyone answered.",
    "I had to wait six weeks for my results.",
]
KNOWN = FOOD + PARKING + WAITING
TRUTH = [0] * len(FOOD) + [1] * len(PARKING) + [2] * len(WAITING)


def test_three_plain_themes_are_found_when_three_are_asked_for():
    model = ThemeModel(3).fit(KNOWN)
    assert model.n_themes_ == 3
    assert model.reason_ == "3 themes, as you asked."
    assert adjusted_rand_score(TRUTH, model.labels_) > 0.8


def test_the_same_texts_and_seed_give_the_same_themes():
    texts = sample(800)["feedback"].tolist()
    first = ThemeModel(random_state=3).fit(texts)
    second = ThemeModel(random_state=3).fit(texts)
    assert first.n_themes_ == second.n_themes_
    assert np.array_equal(first.labels_, second.labels_)
    assert first.stability_ == second.stability_


def test_the_number_of_themes_is_chosen_with_its_reason_and_a_stability_report():
    texts = sample(1500)["feedback"].tolist()
    model = ThemeModel().fit(texts)
    assert 4 <= model.n_themes_ <= 20
    assert model.reason_.startswith(f"{model.n_themes_} themes: the fewest of 4 to 20")
    assert "modularity" in model.reason_
    assert model.stability_.runs == 5
    assert 0 <= model.stability_.lowest_ari <= model.stability_.mean_ari <= 1
    assert "adjusted Rand index" in str(model.stability_)
    # Themes are numbered from the largest down.
    sizes = np.bincount(model.labels_)
    assert list(sizes) == sorted(sizes, reverse=True)
    # Asking for the number the model chose gives the same themes.
    asked = ThemeModel(model.n_themes_, stability_runs=1).fit(texts)
    assert np.array_equal(asked.labels_, model.labels_)


def test_every_row_gets_a_theme_or_is_marked_unclustered():
    texts = [*KNOWN, "", "!?", "😊😊", "   "]
    model = ThemeModel(3).fit(texts)
    assert len(model.labels_) == len(texts)
    assert list(model.labels_[-4:]) == [UNCLUSTERED] * 4
    assert (model.labels_[: len(KNOWN)] >= 0).all()


def test_many_people_writing_the_same_words_take_one_theme_not_several():
    # 100 people wrote "Nothing", with or without a full stop. That is one thing said: it must
    # not take up three of four themes and leave food, parking and waiting in the fourth (as the
    # model did when every copy was a point of its own, each joined only to other copies).
    nothing = ["Nothing", "Nothing.", "nothing", "Nothing!"] * 25
    model = ThemeModel(4).fit([*KNOWN, *nothing])
    assert len(set(model.labels_[len(KNOWN) :])) == 1
    assert adjusted_rand_score(TRUTH, model.labels_[: len(KNOWN)]) > 0.6


def test_the_same_few_things_said_many_times_make_one_theme_and_say_why():
    model = ThemeModel().fit(["Nothing."] * 30 + ["All good", "Parking", "The food"])
    assert model.n_themes_ == 1
    assert "33 texts with words (4 different) are too few to split" in model.reason_


def test_a_handful_of_texts_makes_one_theme_and_says_why():
    model = ThemeModel().fit(FOOD[:6])
    assert model.n_themes_ == 1
    assert set(model.labels_) == {0}
    assert "too few to split" in model.reason_


def test_asking_for_more_themes_than_texts_gives_one_theme_per_text():
    model = ThemeModel(10).fit(FOOD[:4])
    assert sorted(model.labels_) == [0, 1, 2, 3]
    assert "one per different text" in model.reason_
    again = ThemeModel(5).fit([*FOOD[:3], FOOD[0]])
    assert again.labels_.tolist() == [0, 1, 2, 0]


def test_no_text_with_words_gives_no_themes():
    model = ThemeModel().fit(["", "!!!"])
    assert model.n_themes_ == 0
    assert list(model.labels_) == [UNCLUSTERED, UNCLUSTERED]


def test_transform_and_predict_place_texts_by_theme():
    model = ThemeModel(3).fit(KNOWN)
    closeness = model.transform([*KNOWN, ""])
    assert closeness.shape == (len(KNOWN) + 1, 3)
    assert not closeness[-1].any()
    predicted = model.predict([*KNOWN, ""])
    assert predicted[-1] == UNCLUSTERED
    assert (predicted[:-1] == model.labels_).mean() >= 0.9
    assert (
        model.predict(["The car park was full and parking cost a fortune."])[0]
        == (model.labels_[len(FOOD)])
    )


def test_the_model_is_a_scikit_learn_estimator():
    model = ThemeModel(5, neighbours=10)
    copy = clone(model)
    assert copy.get_params()["n_themes"] == 5
    assert copy.get_params()["neighbours"] == 10
    assert (ThemeModel(3).fit_predict(KNOWN) == ThemeModel(3).fit(KNOWN).labels_).all()


def test_zero_themes_is_refused():
    with pytest.raises(CoprodLabError, match="1 or more"):
        ThemeModel(0).fit(KNOWN)


def test_a_short_conversation_still_gets_its_themes() -> None:
    # 15 turns of a demo transcript: so few texts that every split scores below chance, which
    # once left no number of themes to choose.
    from coprod_lab.demo import DEMO
    from coprod_lab.transcripts import read_transcript

    texts = read_transcript(DEMO.parent / "storytelling-waiting.txt")["text"].tolist()
    model = ThemeModel(random_state=0).fit(texts)
    assert len(texts) == 15
    assert model.n_themes_ == len(set(model.labels_)) >= 2
    assert "the fewest of" in model.reason_
