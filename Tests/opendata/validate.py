#!/usr/bin/env python3
"""Open data checked by the reference implementation: `frictionless` (Frictionless Data's own
validator) reads the data package the site publishes, and the one editors keep in content/.

Usage: python Tests/opendata/validate.py .build/release/desmigratif

1. Builds the bundled content into a temporary folder.
2. Validates public/data/datapackage.json: descriptor, every resource's CSV against its schema,
   primary and foreign keys.
3. Checks that it describes every CSV file under /data/ and nothing that is not there.
4. Validates content/data/datapackage.json as editors keep it (indicators as CSV with ';', the
   registry as JSON rows), so what data staff write is standard too. (The test site keeps the
   older `{"meta": ..., "rows": [...]}` JSON, which the generator reads and frictionless does not.)
Prints 'N passed, M failed' and exits non-zero on any failure.
"""
import json
import os
import subprocess
import sys
import tempfile

from frictionless import validate

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def report_errors(report):
    errors = []
    for task in report.tasks:
        for error in task.errors:
            errors.append(f"{task.name}: {error.message}")
    errors += [error.message for error in report.errors]
    return errors


def main():
    binary = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, ".build/release/desmigratif"))
    passed, failed = 0, 0

    def check(name, ok, detail=""):
        nonlocal passed, failed
        print(("ok     " if ok else "FAILED ") + name + ("" if ok else f"\n        {detail}"))
        if ok:
            passed += 1
        else:
            failed += 1

    with tempfile.TemporaryDirectory() as work:
        site = os.path.join(work, "site")
        subprocess.run([binary, "build", "--output", site], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
        descriptor = os.path.join(site, "data", "datapackage.json")
        report = validate(descriptor)
        errors = report_errors(report)
        check(f"frictionless validate public/data/datapackage.json ({len(report.tasks)} resources)", report.valid, "; ".join(errors[:10]))

        with open(descriptor, encoding="utf-8") as f:
            described = {resource["path"] for resource in json.load(f)["resources"]}
        data = os.path.join(site, "data")
        published = {os.path.relpath(os.path.join(folder, name), data)
                     for folder, _, names in os.walk(data) for name in names if name.endswith(".csv")}
        check(f"datapackage.json describes every CSV download ({len(published)} files)", described == published,
              f"not described: {sorted(published - described)[:5]}, described but absent: {sorted(described - published)[:5]}")

    for source in ("content/data/datapackage.json",):
        report = validate(os.path.join(ROOT, source))
        check(f"frictionless validate {source} ({len(report.tasks)} resources)", report.valid, "; ".join(report_errors(report)[:10]))

    print(f"{passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
