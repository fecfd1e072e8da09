"""Behaviour kept: every article in tests/ and seeds/ gives the records of the snapshot."""

import json

from snapshot_records import SNAPSHOT, records


def test_records_match_the_snapshot():
    want = json.loads(SNAPSHOT.read_text(encoding="utf-8"))
    got = json.loads(json.dumps(records(), sort_keys=True, default=str))
    assert sorted(got) == sorted(want)
    for folder in want:
        missing = [r for r in want[folder] if r not in got[folder]]
        extra = [r for r in got[folder] if r not in want[folder]]
        assert not missing and not extra, (folder, missing[:3], extra[:3])
