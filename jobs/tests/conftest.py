"""Fixtures of the engine tests: each edition's log and `bill`'s statements for it, made
once per run; one local Spark session for every Spark test."""

import os
from pathlib import Path

import pytest

import harness


def pytest_generate_tests(metafunc):
    if "edition" in metafunc.fixturenames:
        metafunc.parametrize("edition", harness.editions(), scope="session")


class Log:
    """One edition's log: its files, `bill`'s statements and rejects, a work directory."""

    def __init__(self, edition, work):
        self.edition = edition
        self.work = work
        self.files = harness.write_log(edition, work / "log")
        self.bill, self.rejects = harness.bill_log(edition, self.files, work)
        self.parquet = harness.calls_parquet(self.files, work / "calls.parquet")


@pytest.fixture(scope="session")
def log(edition, tmp_path_factory):
    return Log(edition, tmp_path_factory.mktemp(edition))


@pytest.fixture(scope="session")
def spark():
    from pyspark.sql import SparkSession
    session = (SparkSession.builder.master("local[2]")
               .appName("faceid-rules engine tests")
               .config("spark.sql.session.timeZone", "UTC")
               # Splits of a few records, so that a file is read in several parts and the
               # job's line numbers are tested across them.
               .config("spark.sql.files.maxPartitionBytes", "16k")
               .config("spark.sql.shuffle.partitions", "4")
               .config("spark.ui.enabled", "false")
               .getOrCreate())
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()
