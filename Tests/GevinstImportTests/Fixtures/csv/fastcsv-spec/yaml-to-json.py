#!/usr/bin/env python3
"""Converts FastCSV's spec files (*.yaml here) into checks.json, which the Swift tests read.

Run once after updating the YAML files: python3 yaml-to-json.py  (needs PyYAML).
Each check keeps its file, id, input and records; the file's settings are copied onto it.
"""
import json
import pathlib

import yaml

here = pathlib.Path(__file__).resolve().parent
checks = []
for path in sorted(here.glob("*.yaml")):
    spec = yaml.safe_load(path.read_text(encoding="utf-8"))
    settings = spec.get("settings") or {}
    for check in spec["checks"]:
        checks.append({
            "file": path.name,
            "id": check["id"],
            "input": check["input"],
            "records": check["records"],
            "commentMode": settings.get("commentMode", "NONE"),
            "skipEmptyLines": settings.get("skipEmptyLines", False),
            "exceptionAllowed": settings.get("exceptionAllowed", False),
        })
lines = ",\n".join(json.dumps(check, ensure_ascii=False) for check in checks)
(here / "checks.json").write_text("[\n" + lines + "\n]\n", encoding="utf-8")
print(f"{len(checks)} checks")
