#pragma once

#include "config/config.h"
#include "config/databaseurl.h"
#include "report/exportjob.h"
#include "report/reportexporter.h"

#include <QDate>
#include <QDialog>
#include <QStringList>

class QButtonGroup;
class QCheckBox;
class QComboBox;
class QDateTimeEdit;
class QDialogButtonBox;
class QGroupBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QRadioButton;

// File ▸ Export: one of the CSV reports of `opsdeck --export` with its filters — report, resolution (history),
// range (last 24 h / 7 d / 30 d or custom), all or the selected resources, metrics — to a file of the user's choice
// (default ~/Documents/opsdeck-<report>-<date>.csv). The export runs on an ExportJob thread with its own database
// connection, with a progress bar (rows, and a percentage once they are counted) and Cancel, which stops within
// a moment and leaves no file behind. The result line says what was written, or what went wrong in plain words.
class ExportDialog final : public QDialog
{
    Q_OBJECT
public:
    // `resourceNames`: the fleet; `selected`: the resources selected in the window (may be empty).
    ExportDialog(const DatabaseUrl &url, const AlertConfig &alerts, const QStringList &resourceNames,
                 const QStringList &selected, QWidget *parent = nullptr);
    ~ExportDialog() override;
    Q_DISABLE_COPY_MOVE(ExportDialog)

    // What the form asks for, `now` being the end of the preset ranges.
    ExportRequest request(qint64 now) const;
    QString outputPath() const;
    void setOutputPath(const QString &path);
    bool isExporting() const { return m_job.isRunning(); }

    // "opsdeck-history-2026-11-22.csv"
    static QString defaultFileName(const QString &report, const QDate &date);

public Q_SLOTS:
    void startExport();
    void reject() override; // Cancel while exporting, Close otherwise

Q_SIGNALS:
    void exportFinished(const ExportOutcome &outcome);

private:
    QString report() const;
    void updateForm();
    void browse();
    void showProgress(qint64 rows);
    void finish(const ExportOutcome &outcome);
    void setBusy(bool busy);

    DatabaseUrl m_url;
    AlertConfig m_alerts;
    QStringList m_selected;
    ExportJob m_job;
    qint64 m_total = -1;
    QString m_generatedPath; // the default name last filled in; replaced when the report changes

    QComboBox *m_report = nullptr;
    QComboBox *m_resolution = nullptr;
    QGroupBox *m_rangeBox = nullptr;
    QComboBox *m_range = nullptr;
    QDateTimeEdit *m_from = nullptr;
    QDateTimeEdit *m_to = nullptr;
    QGroupBox *m_resourcesBox = nullptr;
    QRadioButton *m_allResources = nullptr;
    QRadioButton *m_selectedResources = nullptr;
    QGroupBox *m_metricsBox = nullptr;
    QList<QCheckBox *> m_metrics;
    QLineEdit *m_path = nullptr;
    QPushButton *m_browse = nullptr;
    QProgressBar *m_progress = nullptr;
    QLabel *m_status = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    QPushButton *m_export = nullptr;
};
