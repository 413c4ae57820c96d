// The Export dialog on a real SQLite cache: the file it writes holds what the form asked for (parsed back with a
// strict RFC 4180 reader) and is private to its owner, Cancel stops a long export and leaves no file (not even a
// temporary one), an unwritable place is reported in plain words, and the form only offers what applies.
#include "exportdialog.h"
#include "storage/database.h"
#include "storage/metricstore.h"

#include "clitestsupport.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTime>
#include <QDateTimeEdit>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QRadioButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

class tst_ExportDialog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void writesWhatTheFormAsks();
    void cancelLeavesNoFile_data();
    void cancelLeavesNoFile();
    void unwritablePlaceIsExplained();
    void formOffersWhatApplies_data();
    void formOffersWhatApplies();

private:
    // `count` resources named res-00…, each with `perSeries` samples per metric every 5 minutes up to now.
    void seed(int count, qint64 perSeries);
    template<typename T> T *child(ExportDialog &dialog, const char *name)
    {
        auto *w = dialog.findChild<T *>(QString::fromLatin1(name));
        if (!w)
            qFatal("no child %s", name);
        return w;
    }

    std::unique_ptr<QTemporaryDir> m_dir;
    DatabaseUrl m_url;
    QStringList m_names;
    qint64 m_now = 0;
};

void tst_ExportDialog::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_url = *DatabaseUrl::parse(QStringLiteral("sqlite://") + m_dir->filePath(QStringLiteral("cache.db")));
    m_names.clear();
    m_now = QDateTime::currentSecsSinceEpoch() / 300 * 300;
}

void tst_ExportDialog::cleanup()
{
    m_dir.reset();
}

void tst_ExportDialog::seed(int count, qint64 perSeries)
{
    const QString connection = QStringLiteral("tst_exportdialog_seed");
    {
        QString error;
        const auto db = Database::open(m_url, connection, &error);
        QVERIFY2(db, qPrintable(error));
        MetricStore store(*db);
        QList<ResourceInfo> infos;
        for (int i = 0; i < count; ++i) {
            ResourceInfo info;
            info.externalId = QString::number(i);
            info.name = QStringLiteral("res-%1").arg(i, 2, 10, QLatin1Char('0'));
            info.kind = QStringLiteral("host");
            infos << info;
            m_names << info.name;
        }
        QVERIFY(store.transaction());
        const auto ids = store.upsertResources(QStringLiteral("local"), infos, m_now);
        QVERIFY(ids && store.commit());
        QList<SampleRow> batch;
        for (int i = 0; i < count; ++i) {
            for (Metric m : AllMetrics) {
                for (qint64 k = 0; k < perSeries; ++k) {
                    batch.append({ ids->value(infos.at(i).externalId), m, m_now - k * 300, double((k + i) % 100) });
                    if (batch.size() == 50000 || (i == count - 1 && m == Metric::Disk && k == perSeries - 1)) {
                        QVERIFY(store.transaction());
                        QCOMPARE(store.writeSamples(batch), batch.size());
                        QVERIFY(store.commit());
                        batch.clear();
                    }
                }
            }
        }
    }
    Database::close(connection);
}

void tst_ExportDialog::writesWhatTheFormAsks()
{
    seed(3, 36); // three hours
    ExportDialog dialog(m_url, AlertConfig(), m_names, { QStringLiteral("res-01") });
    dialog.show();
    QVERIFY(child<QRadioButton>(dialog, "selectedResources")->isChecked()); // a selection is what the user meant
    child<QComboBox>(dialog, "range")->setCurrentIndex(0); // last 24 hours
    child<QCheckBox>(dialog, "metric-memory")->setChecked(false);
    const QString path = m_dir->filePath(QStringLiteral("report.csv"));
    dialog.setOutputPath(path);
    QSignalSpy finished(&dialog, &ExportDialog::exportFinished);
    QTest::mouseClick(child<QPushButton>(dialog, "export"), Qt::LeftButton);
    QVERIFY(finished.wait(30000));
    const auto outcome = finished.at(0).at(0).value<ExportOutcome>();
    QVERIFY2(outcome.ok, qPrintable(outcome.error));

    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(
        file.permissions()
            & (QFileDevice::ReadGroup | QFileDevice::ReadOther | QFileDevice::WriteGroup | QFileDevice::WriteOther),
        QFileDevice::Permissions());
    QString error;
    const auto rows = parseCsv(file.readAll(), &error);
    QVERIFY2(rows, qPrintable(error));
    QCOMPARE(rows->value(0), ReportExporter::header(QStringLiteral("history")));
    QCOMPARE(rows->size(), 1 + 2 * 36);
    QMap<QString, int> perMetric;
    for (qsizetype i = 1; i < rows->size(); ++i) {
        QCOMPARE(rows->at(i).at(1), QStringLiteral("res-01"));
        ++perMetric[rows->at(i).at(4)];
    }
    QCOMPARE(perMetric, (QMap<QString, int> { { QStringLiteral("cpu"), 36 }, { QStringLiteral("disk"), 36 } }));
    QCOMPARE(outcome.rows, 72);
    const QString status = child<QLabel>(dialog, "status")->text();
    QVERIFY2(status.contains(QLocale().toString(72)) && status.contains(QDir::toNativeSeparators(path)),
             qPrintable(status));

    // The same dialog, now the whole fleet's hourly history: three resources, every metric.
    child<QRadioButton>(dialog, "allResources")->setChecked(true);
    child<QCheckBox>(dialog, "metric-memory")->setChecked(true);
    child<QComboBox>(dialog, "resolution")->setCurrentIndex(1);
    QTest::mouseClick(child<QPushButton>(dialog, "export"), Qt::LeftButton);
    QVERIFY(finished.wait(30000));
    QVERIFY(finished.at(1).at(0).value<ExportOutcome>().ok);
    QVERIFY(file.seek(0));
    file.close();
    QVERIFY(file.open(QIODevice::ReadOnly));
    const auto hourly = parseCsv(file.readAll(), &error);
    QVERIFY2(hourly, qPrintable(error));
    QCOMPARE(hourly->value(0), ReportExporter::header(QStringLiteral("history"), QStringLiteral("hour")));
    qint64 samples = 0;
    QSet<QString> resources;
    for (qsizetype i = 1; i < hourly->size(); ++i) {
        resources << hourly->at(i).at(1);
        samples += hourly->at(i).at(8).toLongLong();
    }
    QCOMPARE(resources.size(), 3);
    QCOMPARE(samples, 3 * 3 * 36);
}

void tst_ExportDialog::cancelLeavesNoFile_data()
{
    QTest::addColumn<bool>("whileWriting");
    QTest::newRow("at once") << false;
    QTest::newRow("while writing") << true;
}

void tst_ExportDialog::cancelLeavesNoFile()
{
    QFETCH(bool, whileWriting);
    seed(whileWriting ? 40 : 1, 8640); // 30 days of 40 resources: 1,036,800 rows, half a second of work or more
    ExportDialog dialog(m_url, AlertConfig(), m_names, {});
    dialog.show();
    child<QComboBox>(dialog, "range")->setCurrentIndex(2); // last 30 days
    const QString path = m_dir->filePath(QStringLiteral("big.csv"));
    dialog.setOutputPath(path);
    QSignalSpy finished(&dialog, &ExportDialog::exportFinished);
    QTest::mouseClick(child<QPushButton>(dialog, "export"), Qt::LeftButton);
    QVERIFY(dialog.isExporting());
    auto *progress = child<QProgressBar>(dialog, "progress");
    QVERIFY(progress->isVisible());
    if (whileWriting) {
        // Rows are being written (and were counted: a percentage, not a busy bar).
        QTRY_VERIFY_WITH_TIMEOUT(progress->maximum() == 100 && progress->value() > 0, 30000);
        QCOMPARE(finished.size(), 0);
    }
    auto *close = child<QPushButton>(dialog, "close");
    QVERIFY2(close->text().contains(QLatin1String("Cancel")), qPrintable(close->text()));
    QTest::mouseClick(close, Qt::LeftButton);
    QVERIFY(finished.wait(5000));
    const auto outcome = finished.at(0).at(0).value<ExportOutcome>();
    QVERIFY(!outcome.ok);
    QVERIFY(outcome.cancelled);
    QVERIFY(!QFile::exists(path));
    // Not even QSaveFile's temporary file is left beside it.
    QCOMPARE(QDir(m_dir->path()).entryList({ QStringLiteral("big.csv*") }, QDir::Files | QDir::Hidden), QStringList());
    QVERIFY2(child<QLabel>(dialog, "status")->text().contains(QLatin1String("cancelled")),
             qPrintable(child<QLabel>(dialog, "status")->text()));
    QVERIFY(dialog.isVisible()); // Cancel stopped the export, not the dialog
    QVERIFY(child<QPushButton>(dialog, "export")->isEnabled());
}

void tst_ExportDialog::unwritablePlaceIsExplained()
{
    seed(1, 3);
    QFile notADirectory(m_dir->filePath(QStringLiteral("notes.txt")));
    QVERIFY(notADirectory.open(QIODevice::WriteOnly));
    notADirectory.close();
    const QString path = m_dir->filePath(QStringLiteral("notes.txt/report.csv"));
    ExportDialog dialog(m_url, AlertConfig(), m_names, {});
    dialog.show();
    dialog.setOutputPath(path);
    QSignalSpy finished(&dialog, &ExportDialog::exportFinished);
    QTest::mouseClick(child<QPushButton>(dialog, "export"), Qt::LeftButton);
    QVERIFY(finished.wait(30000));
    const auto outcome = finished.at(0).at(0).value<ExportOutcome>();
    QVERIFY(!outcome.ok);
    QVERIFY(!outcome.cancelled);
    const QString status = child<QLabel>(dialog, "status")->text();
    QVERIFY2(status.contains(path) && status.contains(QLatin1String("Choose a folder")), qPrintable(status));
    QVERIFY(!child<QProgressBar>(dialog, "progress")->isVisible());
}

void tst_ExportDialog::formOffersWhatApplies_data()
{
    QTest::addColumn<int>("report");
    QTest::addColumn<bool>("resolution");
    QTest::addColumn<bool>("range");
    QTest::addColumn<bool>("resources");
    QTest::addColumn<bool>("metrics");
    QTest::addColumn<QString>("fileName");
    QTest::newRow("history") << 0 << true << true << true << true << QStringLiteral("history");
    QTest::newRow("resources") << 1 << false << false << true << false << QStringLiteral("resources");
    QTest::newRow("alerts") << 2 << false << true << true << true << QStringLiteral("alerts");
    QTest::newRow("sync runs") << 3 << false << true << false << false << QStringLiteral("sync-runs");
}

void tst_ExportDialog::formOffersWhatApplies()
{
    QFETCH(int, report);
    QFETCH(bool, resolution);
    QFETCH(bool, range);
    QFETCH(bool, resources);
    QFETCH(bool, metrics);
    QFETCH(QString, fileName);
    ExportDialog dialog(m_url, AlertConfig(), { QStringLiteral("a") }, {});
    child<QComboBox>(dialog, "report")->setCurrentIndex(report);
    QCOMPARE(child<QComboBox>(dialog, "resolution")->isEnabled(), resolution);
    QCOMPARE(child<QComboBox>(dialog, "range")->isEnabled(), range);
    QCOMPARE(child<QRadioButton>(dialog, "allResources")->isEnabled(), resources);
    QVERIFY(!child<QRadioButton>(dialog, "selectedResources")->isEnabled()); // nothing selected
    QCOMPARE(child<QCheckBox>(dialog, "metric-cpu")->isEnabled(), metrics);
    QCOMPARE(QFileInfo(dialog.outputPath()).fileName(), ExportDialog::defaultFileName(fileName, QDate::currentDate()));
    QVERIFY(QFileInfo(dialog.outputPath()).fileName().startsWith(QStringLiteral("opsdeck-") + fileName + u'-'));

    // A request carries only the filters that apply.
    const ExportRequest r = dialog.request(1793491200);
    QCOMPARE(r.from.has_value(), range);
    QCOMPARE(r.metrics.size(), metrics ? 3 : 0);

    // Custom range: the dates apply, and a range that ends before it starts cannot be exported.
    if (range) {
        child<QComboBox>(dialog, "range")->setCurrentIndex(3);
        auto *from = child<QDateTimeEdit>(dialog, "from");
        auto *to = child<QDateTimeEdit>(dialog, "to");
        QVERIFY(from->isEnabled());
        from->setDateTime(QDateTime(QDate(2026, 11, 1), QTime(0, 0), Qt::UTC));
        to->setDateTime(QDateTime(QDate(2026, 11, 2), QTime(0, 0), Qt::UTC));
        QCOMPARE(dialog.request(0).from, std::optional<qint64>(1793491200));
        QCOMPARE(dialog.request(0).to, std::optional<qint64>(1793491200 + 86400));
        to->setDateTime(from->dateTime().addSecs(-60));
        QVERIFY(!child<QPushButton>(dialog, "export")->isEnabled());
        QVERIFY(!child<QLabel>(dialog, "status")->text().isEmpty());
        to->setDateTime(from->dateTime().addDays(1));
    }
    if (metrics) {
        for (const char *m : { "metric-cpu", "metric-memory", "metric-disk" })
            child<QCheckBox>(dialog, m)->setChecked(false);
        QVERIFY(!child<QPushButton>(dialog, "export")->isEnabled());
        QVERIFY(child<QLabel>(dialog, "status")->text().contains(QLatin1String("metric")));
        child<QCheckBox>(dialog, "metric-disk")->setChecked(true);
    }
    QVERIFY(child<QPushButton>(dialog, "export")->isEnabled());
    // A name of the user's own survives a change of report.
    dialog.setOutputPath(m_dir->filePath(QStringLiteral("mine.csv")));
    child<QComboBox>(dialog, "report")->setCurrentIndex((report + 1) % 4);
    QCOMPARE(dialog.outputPath(), m_dir->filePath(QStringLiteral("mine.csv")));
}

QTEST_MAIN(tst_ExportDialog)
#include "tst_exportdialog.moc"
