#pragma once

#include "config/databaseurl.h"

#include <QString>
#include <QStringList>
#include <QTextStream>
#include <optional>

class PgServer;

struct ExportBenchOptions
{
    int resources = 39; // × 3 metrics × 30 days × 288/day = 1,010,880 raw samples
    int days = 30;
    quint64 seed = 20261121;
    int repeat = 1;
    QString dir; // where the SQLite store and the CSV files go
    bool keep = false;
    QStringList engines; // sqlite, postgres
};

// --suite export: a raw history export of about a million samples to a file, from SQLite and (with a server)
// PostgreSQL, through ReportExporter — what `opsdeck --export history` and the Export dialog run — next to the
// ceiling (the same series read with the sqlite3 C API or libpq and printed with fprintf) and the naive path
// (a scrollable QSqlQuery and a QString built per row). Also times ReportExporter::countRows, which the dialog
// runs first for its percentage, and the exporter's peak RSS growth. The exporter's file must equal the
// ceiling's byte for byte (after the header), or the run fails. Returns false when a check failed.
bool runExportBench(QTextStream &out, QTextStream &err, const ExportBenchOptions &options, PgServer &pg,
                    const std::optional<DatabaseUrl> &pgUrl);
