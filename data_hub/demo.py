"""Demo content: the real UN DESA 2019 files from ../shared/data/undesa, imported as the demo secretariat.

The figures are real (UN DESA, CC BY 3.0 IGO); the releases are marked "imported by the demo" so
that nobody takes the demo database for the Group's own. Running it again changes nothing (the
files' checksums are recorded). Where the folder is absent, the demo says so and goes on.
"""

import logging
from pathlib import Path

from django.conf import settings

from data_hub import services
from data_hub.models import Dataset
from data_hub.seeding import ensure_reference_data
from members.models import User

logger = logging.getLogger(__name__)

UNDESA_DIR = Path(settings.BASE_DIR).parent / "shared" / "data" / "undesa"
FILES = [
    ("UN_MigrantStockTotal_2019.xlsx", "undesa-stock", "International Migrant Stock 2019 (imported by the demo)"),
    ("UN_MigrantStockByOriginAndDestination_2019_wide.csv", "undesa-od",
     "International Migrant Stock 2019: by origin and destination (imported by the demo)"),
]


def load() -> None:
    ensure_reference_data()
    if not UNDESA_DIR.is_dir():
        logger.warning("data hub demo: the UN DESA files are not at %s; no figures were loaded.", UNDESA_DIR)
        return
    user = User.objects.filter(email="secretariat@demo.rwg-portal.org").first()
    for name, dataset_code, title in FILES:
        path = UNDESA_DIR / name
        if not path.is_file():
            logger.warning("data hub demo: %s is missing; skipped.", path)
            continue
        outcome = services.import_file(path=path, name=name, user=user,
                                       dataset=Dataset.objects.get(code=dataset_code),
                                       options={"title": title}, commit=True)
        if not outcome.ok:
            logger.warning("data hub demo: %s could not be imported: %s", name, outcome.preview.get("errors"))
        elif outcome.written:
            services.import_job_record(outcome=outcome, path=path, name=name, user=user)
            logger.info("data hub demo: imported %s (%s figures).", name, outcome.preview.get("to_add"))
