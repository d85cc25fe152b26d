"""`coprod-lab themes` on a CSV file of texts and on a transcript, its refusals, and the plots."""

from __future__ import annotations

import json

import pytest

from coprod_lab.cli import main
from coprod_lab.themes import find_themes
from coprod_lab.themes.plots import theme_sizes, themes_by_role
from tests.conftest import SHARED
from tests.themes.feedback import FEEDBACK, sample


@pytest.fixture(scope="module")
def csv_file(tmp_path_factory):
    # The real file's first 400 lines, every column kept: the command must pick its column.
    path = tmp_path_factory.mktemp("themes") / "feedback.csv"
    with FEEDBACK.open(encoding="utf-8", newline="") as f:
        lines = [next(f) for _ in range(400)]
    path.write_text("".join(lines), encoding="utf-8")
    return path


def test_json_has_a_line_per_row_then_the_theme_table_then_a_summary(csv_file, capsys):
    assert main(["themes", str(csv_file), "--text-column", "feedback", "--json"]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    rows = [x for x in lines if "row" in x]
    themes = [x for x in lines if "size" in x]
    summary = lines[-1]["summary"]
    assert [r["row"] for r in rows] == list(range(1, summary["rows"] + 1))
    assert summary["themes"] == len(themes)
    assert summary["why_this_many"].startswith(f"{len(themes)} themes")
    assert 0 <= summary["stability"]["mean_adjusted_rand_index"] <= 1
    labels = {t["theme_id"]: t["theme_label"] for t in themes}
    for row in rows:
        if row["theme_id"] == -1:
            assert row["theme_label"] == "unclustered" and row["unclustered_because"]
        else:
            assert row["theme_label"] == labels[row["theme_id"]]
    assert sum(t["size"] for t in themes) + summary["unclustered"] == summary["rows"]
    assert summary["short_replies"] == 0  # no speaker column: comments, every one themed
    assert all(len(t["quotes"]) == min(3, t["size"]) for t in themes)


def test_k_sets_the_number_of_themes(csv_file, capsys):
    assert main(["themes", str(csv_file), "--text-column", "feedback", "--k", "5"]) == 0
    out = capsys.readouterr().out
    assert "5 themes, as you asked." in out
    assert "adjusted Rand index" in out


def test_bad_files_are_refused_naming_the_file_and_line(tmp_path, csv_file, capsys):
    assert main(["themes", str(csv_file), "--text-column", "comments"]) == 1
    error = capsys.readouterr().err
    assert f"{csv_file}, line 1: has no column called 'comments'" in error
    assert "feedback" in error
    broken = tmp_path / "broken.csv"
    broken.write_text("id,text\n1,fine\n2,too,many\n", encoding="utf-8")
    assert main(["themes", str(broken), "--text-column", "text"]) == 1
    assert f"{broken}, line 3: has 3 fields where the header has 2." in capsys.readouterr().err
    assert main(["themes", str(tmp_path / "missing.csv"), "--text-column", "text"]) == 1
    assert "cannot be opened" in capsys.readouterr().err


def test_plots_show_each_theme_and_each_role():
    table = sample(300)
    table["role"] = ["professional" if i % 4 == 0 else "lived_experience" for i in range(300)]
    found = find_themes(table, "feedback", role_column="role", n_themes=4)
    sizes = theme_sizes(found)
    bars = sizes.axes[0].patches
    assert sorted(b.get_width() for b in bars) == sorted(t.size for t in found.themes)
    assert [t.get_text() for t in sizes.axes[0].get_yticklabels()] == [
        t.label for t in reversed(found.themes)
    ]
    by_role = themes_by_role(found)
    # The legend is the figure's, below the chart, so it covers no bar.
    assert by_role.axes[0].get_legend() is None
    [legend] = by_role.legends
    assert [t.get_text() for t in legend.get_texts()] == ["Lived experience", "Professional"]
    by_role.canvas.draw()
    box = legend.get_window_extent()
    for bar in by_role.axes[0].patches:
        assert not box.overlaps(bar.get_window_extent())
    # Each role's bars add up to all of that role's texts.
    patches = by_role.axes[0].patches
    per_role = len(found.themes)
    for i in range(2):
        assert sum(p.get_width() for p in patches[i * per_role : (i + 1) * per_role]) == (
            pytest.approx(1)
        )


ZOOM = SHARED / "corpus" / "zoom-meeting" / "meeting003_transcript.vtt"


def test_a_transcript_is_read_one_text_per_turn_with_made_up_names(tmp_path, capsys):
    from coprod_lab.transcripts import read_transcript

    turns = read_transcript(ZOOM)
    real = set(turns["speaker"]) - {"Unknown speaker"}
    # --text-column is for CSV files: said, not used (it once made this file a broken CSV).
    assert main(["themes", str(ZOOM), "--json", "--text-column", "text", "--k", "2"]) == 0
    printed = capsys.readouterr()
    lines = [json.loads(line) for line in printed.out.splitlines()]
    summary = lines[-1]["summary"]
    assert summary["rows"] == len(turns)
    assert summary["read_as"] == "transcript (WebVTT captions)"
    assert "--text-column is for CSV files and not used" in printed.err
    assert "made-up names" in printed.err
    speakers = {q["speaker"] for t in lines if "quotes" in t for q in t["quotes"]}
    assert speakers and all(s.startswith("Speaker ") or s == "Unknown speaker" for s in speakers)
    for name in real:
        for part in name.split():
            assert part not in printed.out, part
    # Neither a transcript nor a CSV file of texts: the file, and what is read.
    picture = tmp_path / "slides.pdf"
    picture.write_bytes(b"%PDF-1.4\n\x00\x01\x02")
    assert main(["themes", str(picture)]) == 1
    error = capsys.readouterr().err
    assert f"{picture}: is not a text file" in error
    assert "a CSV file of texts (name the column with --text-column)" in error
    assert "WebVTT captions" in error
