"""The records every article in tests/ and seeds/ gives, one corpus folder at a time.

``python tests/snapshot_records.py`` rewrites ``tests/snapshots/records.json``;
``tests/test_snapshot.py`` checks the pipeline still gives exactly these records.
The snapshot guards refactors that must keep behaviour (moving rules into data);
a deliberate change of behaviour rewrites it in the same commit.
"""

from __future__ import annotations

import json
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FOLDERS = ["seeds"] + sorted(
    str(p.relative_to(ROOT)) for p in (ROOT / "tests" / "articles").iterdir() if p.is_dir()
)
SNAPSHOT = ROOT / "tests" / "snapshots" / "records.json"
#: Fields compared: what a user sees of a record, not its evidence offsets' formatting.
FIELDS = (
    "event_type",
    "location",
    "precision",
    "iso_3166_2",
    "lat",
    "lon",
    "event_date",
    "event_date_end",
    "sources",
    "fatalities",
    "located_by",
    "casualties",
)


def records() -> dict[str, list[dict]]:
    """Each folder's records, as sorted lists of the compared fields."""
    from geo.pipeline import extract

    out = {}
    for folder in FOLDERS:
        rows = []
        for inc in extract([str(ROOT / folder)]).incidents:
            d = inc.to_dict()
            row = {k: d[k] for k in FIELDS}
            row["casualties"] = sorted(
                f"{c['count']} {c['who']} {c['outcome']} ({c['source']})" for c in d["casualties"]
            )
            row["evidence"] = sorted(
                f"{e['article_id']}:{e['start']}-{e['end']}" for e in d["evidence"]
            )
            rows.append(row)
        out[folder] = sorted(rows, key=lambda r: json.dumps(r, sort_keys=True, default=str))
    return out


if __name__ == "__main__":
    SNAPSHOT.write_text(
        json.dumps(records(), indent=0, sort_keys=True, default=str) + "\n", encoding="utf-8"
    )
    print(f"wrote {SNAPSHOT}")
