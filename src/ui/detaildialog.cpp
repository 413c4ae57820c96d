#include "detaildialog.h"
#include "query/repository.h"
#include "report/csvwriter.h"

#include <QApplication>
#include <QClipboard>
#include <QDateTime>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QSaveFile>
#include <QStandardItemModel>
#include <QStandardPaths>
#include <QTableView>
#include <QVBoxLayout>

namespace {

QString localTime(qint64 secs)
{
    return QDateTime::fromSecsSinceEpoch(secs).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}

QString percent(double value)
{
    return QLocale().toString(value, 'f', 2) + QStringLiteral(" %");
}

} // namespace

DetailDialog::DetailDialog(Repository *repository, qint64 resourceId, const QString &resourceName, Metric metric,
                           const TrendPoint &point, int retentionDays, QWidget *parent)
    : QDialog(parent)
    , m_resourceName(resourceName)
    , m_metric(metric)
    , m_point(point)
    , m_retentionDays(retentionDays)
{
    setObjectName(QStringLiteral("detailDialog"));
    setAttribute(Qt::WA_DeleteOnClose);
    setWindowTitle(tr("%1 · %2 — raw samples").arg(resourceName, metricTitle(metric)));

    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("detailSummary"));
    m_summary->setTextFormat(Qt::PlainText);
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_summary->setText(
        tr("%1 from %2 to %3: reading…").arg(metricTitle(metric), localTime(point.from), localTime(point.to)));

    m_prunedLabel = new QLabel(this);
    m_prunedLabel->setObjectName(QStringLiteral("detailPruned"));
    m_prunedLabel->setTextFormat(Qt::PlainText);
    m_prunedLabel->setWordWrap(true);
    m_prunedLabel->hide();

    m_model = new QStandardItemModel(0, ColumnCount, this);
    m_model->setHorizontalHeaderLabels({ tr("Time (local)"), tr("Value"), tr("Source") });
    m_model->setSortRole(Qt::UserRole);

    m_view = new QTableView(this);
    m_view->setObjectName(QStringLiteral("detailTable"));
    m_view->setAccessibleName(tr("Raw samples"));
    m_view->setModel(m_model);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(Time, Qt::AscendingOrder);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setAlternatingRowColors(true);
    m_view->setShowGrid(false);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->setColumnWidth(Time, fontMetrics().horizontalAdvance(localTime(point.to)) + 36);
    m_view->setColumnWidth(Value, fontMetrics().horizontalAdvance(percent(100)) + 48);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_copyButton = buttons->addButton(tr("&Copy"), QDialogButtonBox::ActionRole);
    m_copyButton->setObjectName(QStringLiteral("copyButton"));
    m_copyButton->setToolTip(tr("Copy the samples to the clipboard, tab-separated, for a spreadsheet"));
    m_exportButton = buttons->addButton(tr("&Export CSV…"), QDialogButtonBox::ActionRole);
    m_exportButton->setObjectName(QStringLiteral("exportButton"));
    m_copyButton->setEnabled(false);
    m_exportButton->setEnabled(false);
    connect(m_copyButton, &QPushButton::clicked, this, &DetailDialog::copyToClipboard);
    connect(m_exportButton, &QPushButton::clicked, this, &DetailDialog::exportToFile);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_summary);
    layout->addWidget(m_prunedLabel);
    layout->addWidget(m_view, 1);
    layout->addWidget(buttons);
    resize(fontMetrics().averageCharWidth() * 72, fontMetrics().height() * 28);

    repository->detail(resourceId, metric, point.from, point.to).then(this, [this](const DetailResult &result) {
        applyResult(result);
    });
}

DetailDialog::~DetailDialog() = default;

QString DetailDialog::metricTitle(Metric metric)
{
    switch (metric) {
    case Metric::Cpu:
        return tr("CPU");
    case Metric::Memory:
        return tr("Memory");
    case Metric::Disk:
        return tr("Disk");
    }
    return {};
}

void DetailDialog::applyResult(const DetailResult &result)
{
    m_result = result;
    m_loaded = true;
    const QString range = tr("%1 to %2").arg(localTime(result.from), localTime(result.to));
    if (!result.error.isEmpty()) {
        m_summary->setText(tr("Cannot read the samples from %1: %2").arg(range, result.error));
    } else {
        m_summary->setText(
            tr("%1 of %2 from %3: %n sample(s)", nullptr, int(result.samples.size()))
                .arg(metricTitle(m_metric), result.resource.isEmpty() ? m_resourceName : result.resource, range));
    }
    // Retention removed the raw rows: what the chart drew is the rollup, so show its numbers instead.
    if (result.pruned) {
        m_prunedLabel->setText(
            tr("Raw samples older than %n day(s) are gone; this point is the hourly summary: min %1, average %2, "
               "max %3 over %4 samples.",
               nullptr, m_retentionDays)
                .arg(percent(m_point.min), percent(m_point.value), percent(m_point.max),
                     QLocale().toString(m_point.count)));
        m_prunedLabel->show();
    }

    m_model->removeRows(0, m_model->rowCount());
    const QString source = result.source;
    for (const DetailSample &sample : result.samples) {
        auto *time = new QStandardItem(localTime(sample.ts));
        time->setData(sample.ts, Qt::UserRole);
        auto *value = new QStandardItem(percent(sample.value));
        value->setData(sample.value, Qt::UserRole);
        value->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        auto *src = new QStandardItem(source);
        src->setData(source, Qt::UserRole);
        m_model->appendRow({ time, value, src });
    }
    m_view->sortByColumn(m_view->horizontalHeader()->sortIndicatorSection(),
                         m_view->horizontalHeader()->sortIndicatorOrder());
    m_copyButton->setEnabled(!result.samples.isEmpty());
    m_exportButton->setEnabled(!result.samples.isEmpty());
    Q_EMIT loaded();
}

QString DetailDialog::tabSeparatedText() const
{
    QStringList lines { QStringList { tr("Time (local)"), tr("Value"), tr("Source") }.join(QLatin1Char('\t')) };
    for (int row = 0; row < m_model->rowCount(); ++row) {
        lines << QStringList { m_model->item(row, Time)->text(),
                               CsvWriter::formatNumber(m_model->item(row, Value)->data(Qt::UserRole).toDouble()),
                               m_model->item(row, Source)->text() }
                     .join(QLatin1Char('\t'));
    }
    return lines.join(QLatin1Char('\n')) + QLatin1Char('\n');
}

bool DetailDialog::exportCsv(const QString &path, QString *error) const
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        *error = tr("Cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    CsvWriter csv(&file);
    csv.writeRow({ QStringLiteral("timestamp"), QStringLiteral("resource"), QStringLiteral("metric"),
                   QStringLiteral("value"), QStringLiteral("source") });
    const QString resource = m_result.resource.isEmpty() ? m_resourceName : m_result.resource;
    for (const DetailSample &sample : m_result.samples) {
        csv.writeRow({ CsvWriter::formatTimestamp(sample.ts), resource, metricName(m_metric),
                       CsvWriter::formatNumber(sample.value), m_result.source });
    }
    if (!csv.flush() || !file.commit()) {
        *error = tr("Cannot write %1: %2").arg(path, csv.ok() ? file.errorString() : csv.errorString());
        return false;
    }
    return true;
}

void DetailDialog::copyToClipboard()
{
    QApplication::clipboard()->setText(tabSeparatedText());
}

void DetailDialog::exportToFile()
{
    const QString suggested
        = QStringLiteral("%1-%2-%3.csv")
              .arg(m_resourceName, metricName(m_metric),
                   QDateTime::fromSecsSinceEpoch(m_point.from).toString(QStringLiteral("yyyyMMdd-HHmm")));
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    const QString path = QFileDialog::getSaveFileName(this, tr("Export samples"), dir + QLatin1Char('/') + suggested,
                                                      tr("CSV files (*.csv)"));
    if (path.isEmpty())
        return;
    QString error;
    if (!exportCsv(path, &error))
        QMessageBox::warning(this, tr("Export failed"), error);
}
