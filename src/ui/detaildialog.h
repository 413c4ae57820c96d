#pragma once

#include "query/readmodels.h"

#include <QDialog>

class QDialogButtonBox;
class QLabel;
class QPushButton;
class QStandardItemModel;
class QTableView;
class Repository;

// The raw samples behind one chart point: local time, value and source, sortable, to copy (tab-separated) or
// export as CSV. Non-modal, so that several points can be compared side by side; it reads through the
// Repository like every view, and says so when retention has already pruned the samples and only the hourly
// summary of the point is left.
class DetailDialog final : public QDialog
{
    Q_OBJECT
public:
    enum Column { Time, Value, Source, ColumnCount };

    DetailDialog(Repository *repository, qint64 resourceId, const QString &resourceName, Metric metric,
                 const TrendPoint &point, int retentionDays, QWidget *parent = nullptr);
    ~DetailDialog() override;
    Q_DISABLE_COPY_MOVE(DetailDialog)

    // "CPU", "Memory", "Disk", translated.
    static QString metricTitle(Metric metric);

    bool isLoaded() const { return m_loaded; }
    const DetailResult &result() const { return m_result; }
    QStandardItemModel *model() const { return m_model; }

    // The rows in the table's current order, tab-separated with a header line, as Copy puts them on the clipboard.
    QString tabSeparatedText() const;
    // Writes the samples (ISO UTC timestamps) to `path`; false and *error set when the file cannot be written.
    bool exportCsv(const QString &path, QString *error) const;

Q_SIGNALS:
    // The samples arrived (or the read failed: see result().error).
    void loaded();

private:
    void applyResult(const DetailResult &result);
    void copyToClipboard();
    void exportToFile();

    QString m_resourceName;
    Metric m_metric = Metric::Cpu;
    TrendPoint m_point;
    int m_retentionDays = 30;
    DetailResult m_result;
    bool m_loaded = false;

    QLabel *m_summary = nullptr;
    QLabel *m_prunedLabel = nullptr;
    QTableView *m_view = nullptr;
    QStandardItemModel *m_model = nullptr;
    QPushButton *m_copyButton = nullptr;
    QPushButton *m_exportButton = nullptr;
};
