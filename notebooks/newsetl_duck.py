"""Query the tables of a news-etl output folder with SQL, into pandas DataFrames.

DuckDB runs in Node.js (npm package @duckdb/node-api, installed by notebooks/install.sh) because Debian's Python
has no Parquet reader; notebooks/duck.mjs creates one view per table (sql/duckdb-views.sql) and returns JSON.

    from newsetl_duck import sql, OUTPUT
    sql("SELECT pub_date, count(*) AS articles FROM articles GROUP BY 1 ORDER BY 1")

The output folder is $NEWS_ETL_OUTPUT, else the sample run's (target/sample-output, made by submit/run-local.sh).
"""
import json
import os
import pathlib
import subprocess

import pandas as pd

HERE = pathlib.Path(__file__).resolve().parent
OUTPUT = os.environ.get("NEWS_ETL_OUTPUT", str(HERE.parent / "target" / "sample-output"))

_NUMERIC = ("TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT", "UTINYINT", "USMALLINT", "UINTEGER", "UBIGINT",
            "FLOAT", "DOUBLE")


def sql(query: str, output: str = None) -> pd.DataFrame:
    """Runs the query (the last statement's rows are returned) over the tables of `output`."""
    done = subprocess.run(["node", str(HERE / "duck.mjs"), "--output", output or OUTPUT], input=query,
                          capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(done.stderr.strip() or f"duck.mjs failed with exit code {done.returncode}")
    result = json.loads(done.stdout or '{"columns": [], "types": [], "rows": []}')
    df = pd.DataFrame(result["rows"], columns=result["columns"])
    for column, kind in zip(result["columns"], result["types"]):
        if kind in _NUMERIC or kind.startswith("DECIMAL"):
            df[column] = pd.to_numeric(df[column])
        elif kind == "DATE" or kind.startswith("TIMESTAMP"):
            df[column] = pd.to_datetime(df[column])
    return df
