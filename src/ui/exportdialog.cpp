#include "exportdialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTime>
#include <QDateTimeEdit>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QRadioButton>
#include <QStandardPaths>
#include <QVBoxLayout>

namespace {

// Preset ranges in seconds; 0 is "Custom".
constexpr qint64 Day = 86400;
const qint64 RangeSeconds[] = { Day, 7 * Day, 30 * Day, 0 };

} // namespace

ExportDialog::ExportDialog(const DatabaseUrl &url, const AlertConfig &alerts, const QStringList &resourceNames,
                           const QStringList &selected, QWidget *parent)
    : QDialog(parent)
    , m_url(url)
    , m_alerts(alerts)
    , m_selected(selected)
{
    setWindowTitle(tr("Export CSV report"));

    m_report = new QComboBox(this);
    m_report->setObjectName(QStringLiteral("report"));
    m_report->addItem(tr("History (samples and thresholds)"), QStringLiteral("history"));
    m_report->addItem(tr("Resources (latest values)"), QStringLiteral("resources"));
    m_report->addItem(tr("Alerts"), QStringLiteral("alerts"));
    m_report->addItem(tr("Sync runs"), QStringLiteral("sync-runs"));

    m_resolution = new QComboBox(this);
    m_resolution->setObjectName(QStringLiteral("resolution"));
    m_resolution->addItem(tr("Every sample"), QStringLiteral("raw"));
    m_resolution->addItem(tr("Hourly (min, avg, max)"), QStringLiteral("hour"));
    m_resolution->addItem(tr("Daily (min, avg, max)"), QStringLiteral("day"));

    auto *what = new QFormLayout;
    what->addRow(tr("&Report:"), m_report);
    what->addRow(tr("R&esolution:"), m_resolution);

    m_rangeBox = new QGroupBox(tr("Time range"), this);
    m_range = new QComboBox(m_rangeBox);
    m_range->setObjectName(QStringLiteral("range"));
    m_range->addItems({ tr("Last 24 hours"), tr("Last 7 days"), tr("Last 30 days"), tr("Custom") });
    m_range->setCurrentIndex(1);
    const QDateTime now = QDateTime::currentDateTime();
    m_from = new QDateTimeEdit(now.addDays(-7), m_rangeBox);
    m_from->setObjectName(QStringLiteral("from"));
    m_to = new QDateTimeEdit(now, m_rangeBox);
    m_to->setObjectName(QStringLiteral("to"));
    for (QDateTimeEdit *edit : { m_from, m_to }) {
        edit->setCalendarPopup(true);
        edit->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm"));
    }
    auto *rangeForm = new QFormLayout(m_rangeBox);
    rangeForm->addRow(tr("&Period:"), m_range);
    rangeForm->addRow(tr("&From:"), m_from);
    rangeForm->addRow(tr("&To:"), m_to);

    m_resourcesBox = new QGroupBox(tr("Resources"), this);
    m_allResources
        = new QRadioButton(tr("All resources (%1)").arg(QLocale().toString(resourceNames.size())), m_resourcesBox);
    m_allResources->setObjectName(QStringLiteral("allResources"));
    m_selectedResources = new QRadioButton(selected.size() == 1
                                               ? tr("Selected: %1").arg(selected.constFirst())
                                               : tr("Selected resources (%1)").arg(QLocale().toString(selected.size())),
                                           m_resourcesBox);
    m_selectedResources->setObjectName(QStringLiteral("selectedResources"));
    m_selectedResources->setToolTip(selected.mid(0, 20).join(QLatin1Char('\n'))
                                    + (selected.size() > 20 ? QStringLiteral("\n…") : QString()));
    m_selectedResources->setEnabled(!selected.isEmpty());
    (selected.isEmpty() ? m_allResources : m_selectedResources)->setChecked(true);
    auto *resourcesLayout = new QVBoxLayout(m_resourcesBox);
    resourcesLayout->addWidget(m_allResources);
    resourcesLayout->addWidget(m_selectedResources);

    m_metricsBox = new QGroupBox(tr("Metrics"), this);
    auto *metricsLayout = new QHBoxLayout(m_metricsBox);
    const QMap<Metric, QString> labels { { Metric::Cpu, tr("CPU") },
                                         { Metric::Memory, tr("Memory") },
                                         { Metric::Disk, tr("Disk") } };
    for (Metric m : AllMetrics) {
        auto *box = new QCheckBox(labels.value(m, metricName(m)), m_metricsBox);
        box->setObjectName(QStringLiteral("metric-") + metricName(m));
        box->setProperty("metric", int(m));
        box->setChecked(true);
        metricsLayout->addWidget(box);
        m_metrics << box;
        connect(box, &QCheckBox::toggled, this, &ExportDialog::updateForm);
    }
    metricsLayout->addStretch();

    m_path = new QLineEdit(this);
    m_path->setObjectName(QStringLiteral("path"));
    m_path->setMinimumWidth(fontMetrics().averageCharWidth() * 60);
    m_browse = new QPushButton(tr("&Browse…"), this);
    m_browse->setObjectName(QStringLiteral("browse"));
    auto *pathRow = new QHBoxLayout;
    pathRow->addWidget(m_path, 1);
    pathRow->addWidget(m_browse);
    auto *where = new QFormLayout;
    auto *pathLabel = new QLabel(tr("&Save to:"), this);
    pathLabel->setBuddy(m_path);
    where->addRow(pathLabel, pathRow);

    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("progress"));
    m_progress->setRange(0, 100);
    m_progress->setValue(0);
    m_progress->setTextVisible(true);
    m_progress->setVisible(false);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("status"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_export = m_buttons->addButton(tr("&Export"), QDialogButtonBox::AcceptRole);
    m_export->setObjectName(QStringLiteral("export"));
    m_export->setDefault(true);
    m_buttons->button(QDialogButtonBox::Close)->setObjectName(QStringLiteral("close"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &ExportDialog::startExport);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &ExportDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(what);
    layout->addWidget(m_rangeBox);
    layout->addWidget(m_resourcesBox);
    layout->addWidget(m_metricsBox);
    layout->addLayout(where);
    layout->addWidget(m_progress);
    layout->addWidget(m_status);
    layout->addStretch();
    layout->addWidget(m_buttons);

    connect(m_report, &QComboBox::currentIndexChanged, this, &ExportDialog::updateForm);
    connect(m_range, &QComboBox::currentIndexChanged, this, &ExportDialog::updateForm);
    connect(m_from, &QDateTimeEdit::dateTimeChanged, this, &ExportDialog::updateForm);
    connect(m_to, &QDateTimeEdit::dateTimeChanged, this, &ExportDialog::updateForm);
    connect(m_path, &QLineEdit::textChanged, this, &ExportDialog::updateForm);
    connect(m_browse, &QPushButton::clicked, this, &ExportDialog::browse);
    connect(&m_job, &ExportJob::counted, this, [this](qint64 total) {
        m_total = total;
        showProgress(0);
    });
    connect(&m_job, &ExportJob::progress, this, &ExportDialog::showProgress);
    connect(&m_job, &ExportJob::finished, this, &ExportDialog::finish);
    updateForm();
}

ExportDialog::~ExportDialog() = default;

QString ExportDialog::defaultFileName(const QString &report, const QDate &date)
{
    return QStringLiteral("opsdeck-%1-%2.csv").arg(report, date.toString(Qt::ISODate));
}

QString ExportDialog::report() const
{
    return m_report->currentData().toString();
}

QString ExportDialog::outputPath() const
{
    return m_path->text().trimmed();
}

void ExportDialog::setOutputPath(const QString &path)
{
    m_path->setText(path);
}

ExportRequest ExportDialog::request(qint64 now) const
{
    ExportRequest r;
    r.report = report();
    r.alerts = m_alerts;
    if (r.report == QLatin1String("history"))
        r.resolution = m_resolution->currentData().toString();
    if (r.report != QLatin1String("resources")) {
        const qint64 seconds = RangeSeconds[qBound(0, m_range->currentIndex(), 3)];
        if (seconds > 0) {
            r.from = now - seconds;
            r.to = now + 1; // the sample stored this very second is in
        } else {
            r.from = m_from->dateTime().toSecsSinceEpoch();
            r.to = m_to->dateTime().toSecsSinceEpoch();
        }
    }
    if (r.report != QLatin1String("sync-runs") && m_selectedResources->isChecked())
        r.resources = m_selected;
    if (r.report == QLatin1String("history") || r.report == QLatin1String("alerts")) {
        for (const QCheckBox *box : m_metrics) {
            if (box->isChecked())
                r.metrics << Metric(box->property("metric").toInt());
        }
    }
    return r;
}

void ExportDialog::updateForm()
{
    const QString kind = report();
    const bool busy = m_job.isRunning();
    m_report->setEnabled(!busy);
    m_resolution->setEnabled(!busy && kind == QLatin1String("history"));
    m_rangeBox->setEnabled(!busy && kind != QLatin1String("resources"));
    const bool custom = m_range->currentIndex() == 3;
    m_from->setEnabled(custom);
    m_to->setEnabled(custom);
    m_resourcesBox->setEnabled(!busy && kind != QLatin1String("sync-runs"));
    m_metricsBox->setEnabled(!busy && (kind == QLatin1String("history") || kind == QLatin1String("alerts")));
    m_path->setEnabled(!busy);
    m_browse->setEnabled(!busy);

    // The default name follows the report until the user types a name of their own.
    if (m_path->text().isEmpty() || m_path->text() == m_generatedPath) {
        const QString dir = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
        m_generatedPath
            = QDir(dir.isEmpty() ? QDir::homePath() : dir).filePath(defaultFileName(kind, QDate::currentDate()));
        const QSignalBlocker block(m_path);
        m_path->setText(m_generatedPath);
    }

    QString problem;
    if (m_metricsBox->isEnabled()
        && std::none_of(m_metrics.cbegin(), m_metrics.cend(), [](const QCheckBox *b) { return b->isChecked(); }))
        problem = tr("Choose at least one metric.");
    else if (m_rangeBox->isEnabled() && custom && m_from->dateTime() >= m_to->dateTime())
        problem = tr("The range must end after it starts.");
    else if (outputPath().isEmpty())
        problem = tr("Choose a file to save to.");
    m_export->setEnabled(!busy && problem.isEmpty());
    if (!busy && !problem.isEmpty())
        m_status->setText(problem);
    else if (!busy && m_status->property("result").toString().isEmpty())
        m_status->clear();
}

void ExportDialog::browse()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Export CSV report"), outputPath(),
                                                      tr("CSV files (*.csv);;All files (*)"));
    if (!path.isEmpty())
        m_path->setText(path);
}

void ExportDialog::startExport()
{
    if (m_job.isRunning() || !m_export->isEnabled())
        return;
    const QString path = outputPath();
    const ExportRequest r = request(QDateTime::currentSecsSinceEpoch());
    m_total = -1;
    m_status->setProperty("result", QString());
    m_job.start(m_url, r, QFileInfo(path).absoluteFilePath());
    setBusy(true);
    m_progress->setRange(0, 0); // busy until the rows are counted
    m_progress->setFormat(QString());
    m_progress->setVisible(true);
    m_status->setText(tr("Counting rows…"));
}

void ExportDialog::showProgress(qint64 rows)
{
    const QLocale locale;
    if (m_total > 0) {
        const int percent = int(std::min<qint64>(100, rows * 100 / m_total));
        m_progress->setRange(0, 100);
        m_progress->setValue(percent);
        m_progress->setFormat(QStringLiteral("%p%"));
        m_status->setText(tr("Exporting… %1 of %2 rows").arg(locale.toString(rows), locale.toString(m_total)));
    } else {
        m_progress->setRange(0, 0);
        m_status->setText(tr("Exporting… %1 rows").arg(locale.toString(rows)));
    }
}

void ExportDialog::finish(const ExportOutcome &outcome)
{
    setBusy(false);
    const QLocale locale;
    QString text;
    if (outcome.ok) {
        m_progress->setRange(0, 100);
        m_progress->setValue(100);
        text = tr("Wrote %1 rows (%2) in %3 s to %4")
                   .arg(locale.toString(outcome.rows),
                        locale.formattedDataSize(outcome.bytes, outcome.bytes < 10'000'000 ? 1 : 0,
                                                 QLocale::DataSizeSIFormat),
                        locale.toString(double(outcome.elapsedMs) / 1000.0, 'f', 1),
                        QDir::toNativeSeparators(outcome.path));
    } else if (outcome.cancelled) {
        m_progress->setVisible(false);
        text = tr("Export cancelled; no file was written.");
    } else {
        m_progress->setVisible(false);
        text = tr("Export failed: %1").arg(outcome.error);
    }
    m_status->setProperty("result", text);
    m_status->setText(text);
    Q_EMIT exportFinished(outcome);
}

void ExportDialog::setBusy(bool busy)
{
    m_buttons->button(QDialogButtonBox::Close)->setText(busy ? tr("&Cancel") : tr("&Close"));
    updateForm();
    // updateForm() left the result line alone while busy; the export button stays off until it ends.
    m_export->setEnabled(!busy && m_export->isEnabled());
}

void ExportDialog::reject()
{
    if (m_job.isRunning()) {
        m_job.cancel();
        m_status->setText(tr("Cancelling…"));
        return;
    }
    QDialog::reject();
}
