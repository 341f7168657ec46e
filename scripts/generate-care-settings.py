#!/usr/bin/env python3
"""Generate the synthetic care-settings seed file for CP-IS.

Writes src/main/resources/db/seed/care-settings.csv (relative to the repo root)
with header ``ods_code,name,care_setting_type,phone``; phone numbers are
from Ofcom's drama range 020 7946 0600-0999 (the LA seed uses 0100-0599).

All organisations are fictitious. ODS codes all start with ``X`` followed by
four upper-case letters/digits so they cannot clash with real NHS site codes.
The output is deterministic (fixed random seed); re-running the script
reproduces the file byte for byte.

Usage: python3 scripts/generate-care-settings.py [output-path]

Python 3 standard library only.
"""

import csv
import random
import string
import sys
from collections import Counter
from pathlib import Path

SEED = 20240501

UNSCHEDULED = [
    "EMERGENCY_DEPARTMENT", "WALK_IN_CENTRE", "MINOR_INJURIES_UNIT",
    "URGENT_TREATMENT_CENTRE", "GP_OUT_OF_HOURS", "AMBULANCE", "NHS_111",
    "MATERNITY", "PAEDIATRIC_WARD",
]
SCHEDULED = [
    "GP_PRACTICE", "HEALTH_VISITING", "SCHOOL_NURSING", "CAMHS",
    "COMMUNITY_PAEDIATRICS", "DENTISTRY", "SEXUAL_HEALTH",
]

# Fixed demo sites: always the first rows, exactly as written here.
FIXED_ROWS = [
    ("X1A01", "Northfield General Hospital Emergency Department", "EMERGENCY_DEPARTMENT"),
    ("X1A02", "Northfield General Hospital Maternity Unit", "MATERNITY"),
    ("X2B01", "Westgate Surgery", "GP_PRACTICE"),
    ("X3C01", "North East Ambulance Service 111", "NHS_111"),
]

# Target counts (300 rows: 200 unscheduled, 100 scheduled), including fixed rows.
N_HOSPITALS = 58            # each has an emergency department
N_MATERNITY = 28            # hospitals with a maternity unit
N_PAEDIATRIC = 26           # hospitals with a children's ward
N_UTC_AT_HOSPITAL = 10
N_UTC_STANDALONE = 14
N_MIU = 20
N_WIC = 16
N_GP_OOH = 12
N_GP_PRACTICES = 36
N_COMMUNITY_PROVIDERS = 12  # health visiting + school nursing + CAMHS each
N_COMMUNITY_PAEDS = 10
N_DENTAL = 9
N_SEXUAL_HEALTH = 9

# Fictitious ambulance regions. The fixed NHS 111 row above covers the north east.
AMBULANCE_REGIONS = [
    "Pennine Vale", "Wessex Downs", "Fen and Broads", "Severn Marches",
    "Solent and Weald", "Chiltern Vale", "Dales and Moors", "Mercia Heartlands",
]

# Place names are built from these parts; combinations are checked against
# EXCLUDED so that no real town with a well-known hospital is produced.
NAME_STARTS = [
    "Alder", "Amber", "Bramble", "Bracken", "Brock", "Chalk", "Copper",
    "Cran", "Elder", "Fallow", "Fern", "Gorse", "Hallow", "Hazel", "Heron",
    "Holly", "Kestrel", "Lark", "Linden", "Marrow", "Nether", "Oxen",
    "Raven", "Rush", "Sedge", "Swallow", "Thistle", "Wren", "Yarrow",
    "Wendle", "Grindle", "Quarry", "Willow", "Bilber", "Rowan", "Tansy",
    "Mallow", "Sorrel", "Briar", "Otter",
]
NAME_ENDS = [
    "by", "combe", "thorpe", "mere", "holt", "wick", "ford", "leigh",
    "dale", "beck", "bridge", "field", "hurst", "stow", "worth", "cote",
    "moor", "ton",
]
EXCLUDED = {
    "Fernhurst", "Hollybridge", "Larkfield", "Ravensworth", "Ravenswick",
    "Wrenbury", "Netherton", "Netherfield", "Brockworth", "Cranleigh",
    "Alderton", "Rushmere", "Sedgeford", "Willowfield", "Hazelwick",
    "Brockton", "Copperfield", "Alderholt", "Hollyfield", "Fernleigh",
    "Otterford", "Chalkwell", "Elderfield", "Fallowfield", "Brackenfield",
    "Bracknell", "Heronsgate", "Larkhill", "Cranford", "Quarrybank",
    "Amberley", "Swallowfield", "Rowanmoor", "Otterton", "Brockhurst",
    "Sedgemoor", "Crancombe", "Ravenstow", "Lindenfield",
    # the fixed demo places are reserved
    "Northfield", "Westgate",
}

HOSPITAL_KINDS = [
    "General Hospital", "General Hospital", "District General Hospital",
    "District Hospital", "University Hospital",
]
GP_SUFFIXES = [
    "Surgery", "Medical Centre", "Health Centre", "Medical Practice",
    "Family Practice", "Group Practice",
]


class CodeAllocator:
    """Hands out organisation prefixes (digit + letter) and site codes.

    A site code is ``X`` + org prefix + two-digit site number, e.g. ``X1A01``.
    """

    def __init__(self, reserved_codes):
        self.used_codes = set(reserved_codes)
        self.used_orgs = {code[1:3] for code in reserved_codes}

    def new_org(self, digits):
        for digit in digits:
            for letter in string.ascii_uppercase:
                org = digit + letter
                if org not in self.used_orgs:
                    self.used_orgs.add(org)
                    return org
        raise RuntimeError(f"code space exhausted for series {digits}")

    def site(self, org, number):
        code = f"X{org}{number:02d}"
        if code in self.used_codes:
            raise RuntimeError(f"duplicate code {code}")
        self.used_codes.add(code)
        return code


def place_pool(rng):
    # skip awkward joins with a doubled letter, e.g. "Willow" + "wick"
    names = [s + e for s in NAME_STARTS for e in NAME_ENDS if s[-1] != e[0]]
    names = [n for n in names if n not in EXCLUDED]
    rng.shuffle(names)
    return names


def generate():
    rng = random.Random(SEED)
    places = iter(place_pool(rng))
    alloc = CodeAllocator([code for code, _, _ in FIXED_ROWS])
    rows = list(FIXED_ROWS)

    def add(code, name, kind):
        rows.append((code, name, kind))

    # --- Acute hospitals: ED (01), maternity (02), children's ward (03), UTC (04)
    hospitals = [("1A", "Northfield General Hospital")]
    while len(hospitals) < N_HOSPITALS:
        hospitals.append((alloc.new_org("156"), f"{next(places)} {rng.choice(HOSPITAL_KINDS)}"))

    maternity = set(range(N_MATERNITY))  # index 0 is Northfield (fixed row)
    paediatric = set(rng.sample(range(N_HOSPITALS), N_PAEDIATRIC))
    utc_sites = set(rng.sample(range(1, N_HOSPITALS), N_UTC_AT_HOSPITAL))

    for i, (org, hospital) in enumerate(hospitals):
        if i > 0:
            add(alloc.site(org, 1), f"{hospital} Emergency Department", "EMERGENCY_DEPARTMENT")
            if i in maternity:
                unit = rng.choice(["Maternity Unit", "Maternity Unit", "Birth Centre", "Maternity Wing"])
                add(alloc.site(org, 2), f"{hospital} {unit}", "MATERNITY")
        if i in paediatric:
            ward = rng.choice(["Children's Ward", "Paediatric Ward", "Paediatric Assessment Unit"])
            add(alloc.site(org, 3), f"{hospital} {ward}", "PAEDIATRIC_WARD")
        if i in utc_sites:
            add(alloc.site(org, 4), f"{hospital} Urgent Treatment Centre", "URGENT_TREATMENT_CENTRE")

    # --- Standalone urgent care
    for _ in range(N_UTC_STANDALONE):
        add(alloc.site(alloc.new_org("40"), 1), f"{next(places)} Urgent Treatment Centre",
            "URGENT_TREATMENT_CENTRE")
    for _ in range(N_MIU):
        add(alloc.site(alloc.new_org("40"), 1),
            f"{next(places)} Community Hospital Minor Injuries Unit", "MINOR_INJURIES_UNIT")
    for _ in range(N_WIC):
        label = rng.choice(["Walk-in Centre", "NHS Walk-in Centre"])
        add(alloc.site(alloc.new_org("40"), 1), f"{next(places)} {label}", "WALK_IN_CENTRE")

    # --- Ambulance services (01) and their NHS 111 services (02)
    for region in AMBULANCE_REGIONS:
        org = alloc.new_org("3")
        add(alloc.site(org, 1), f"{region} Ambulance Service", "AMBULANCE")
        if region not in AMBULANCE_REGIONS[-2:]:
            add(alloc.site(org, 2), f"{region} Ambulance Service 111", "NHS_111")
    # one 111 service run outside an ambulance trust: 8 in total with the fixed row
    add(alloc.site(alloc.new_org("3"), 1), f"{AMBULANCE_REGIONS[-1]} NHS 111", "NHS_111")

    # --- GP practices (fixed Westgate Surgery is one of them) and GP out of hours
    for _ in range(N_GP_PRACTICES - 1):
        add(alloc.site(alloc.new_org("27"), 1), f"{next(places)} {rng.choice(GP_SUFFIXES)}",
            "GP_PRACTICE")
    for _ in range(N_GP_OOH):
        label = rng.choice(["GP Out of Hours Service", "Out of Hours Primary Care Centre"])
        add(alloc.site(alloc.new_org("7"), 1), f"{next(places)} {label}", "GP_OUT_OF_HOURS")

    # --- Community children's services providers
    for i in range(N_COMMUNITY_PROVIDERS):
        org = alloc.new_org("8")
        area = next(places)
        add(alloc.site(org, 1), f"{area} Health Visiting Team", "HEALTH_VISITING")
        add(alloc.site(org, 2), f"{area} School Nursing Service", "SCHOOL_NURSING")
        add(alloc.site(org, 3), f"{area} Child and Adolescent Mental Health Service", "CAMHS")
        if i < N_COMMUNITY_PAEDS:
            add(alloc.site(org, 4), f"{area} Child Development Centre", "COMMUNITY_PAEDIATRICS")

    # --- Dentistry and sexual health
    for _ in range(N_DENTAL):
        label = rng.choice(["Dental Practice", "Community Dental Service", "Dental Care"])
        add(alloc.site(alloc.new_org("9"), 1), f"{next(places)} {label}", "DENTISTRY")
    for _ in range(N_SEXUAL_HEALTH):
        label = rng.choice(["Sexual Health Clinic", "Sexual Health Service"])
        add(alloc.site(alloc.new_org("9"), 1), f"{next(places)} {label}", "SEXUAL_HEALTH")

    return rows


def check(rows):
    codes = [r[0] for r in rows]
    names = [r[1] for r in rows]
    assert len(set(codes)) == len(codes), "duplicate ods_code"
    assert len(set(names)) == len(names), "duplicate name"
    for code in codes:
        assert len(code) == 5 and code[0] == "X", code
        assert all(c in string.ascii_uppercase + string.digits for c in code), code
    allowed = set(UNSCHEDULED) | set(SCHEDULED)
    assert all(r[2] in allowed for r in rows)
    assert rows[:len(FIXED_ROWS)] == FIXED_ROWS


def main():
    repo_root = Path(__file__).resolve().parent.parent
    default = repo_root / "src/main/resources/db/seed/care-settings.csv"
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else default
    rows = generate()
    check(rows)
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(["ods_code", "name", "care_setting_type", "phone"])
        writer.writerows(
            (*row, f"020 7946 {600 + i:04d}") for i, row in enumerate(rows))
    counts = Counter(r[2] for r in rows)
    unscheduled = sum(counts[t] for t in UNSCHEDULED)
    print(f"wrote {len(rows)} rows to {out} "
          f"({unscheduled} unscheduled, {len(rows) - unscheduled} scheduled)")
    for kind in UNSCHEDULED + SCHEDULED:
        print(f"  {kind:<24} {counts[kind]}")


if __name__ == "__main__":
    main()
