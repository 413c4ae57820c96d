#pragma once

#include "alerts/alertrule.h"
#include "config/config.h"
#include "query/readmodels.h"

#include <QDialog>
#include <QList>
#include <QMap>

class QComboBox;
class QDialogButtonBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QStringListModel;
class QTableWidget;
class QTimer;
class ReplayChartView;
class Repository;

// The Thresholds dialog: the default warning/critical levels, `for` and clear margin of each metric, the
// overrides per resource, tag or kind, and a replay of the rule being edited over the cached history — how often
// it would have fired in the last 30 days, for how long, how often it would have flapped, and when (shaded on a
// chart) — so thresholds are tuned on evidence.
//
// The rules are read from and saved to the database through the Repository (alert_rules), so a team sharing one
// PostgreSQL shares them and the sync engine applies them from its next round. Problems (AlertRuleSet::validate())
// are shown in the row at fault, the field at fault is marked, and Save stays disabled until they are fixed.
// The replay re-runs 300 ms after the last edit; replies to earlier edits are dropped.
class ThresholdsDialog final : public QDialog
{
    Q_OBJECT
public:
    enum DefaultColumn { DefaultMetric, DefaultWarning, DefaultCritical, DefaultFor, DefaultClearMargin, DefaultProblem };
    enum OverrideColumn {
        OverrideScope,
        OverrideTarget,
        OverrideMetric,
        OverrideWarning,
        OverrideCritical,
        OverrideFor,
        OverrideClearMargin,
        OverrideProblem
    };
    static constexpr int ReplayDebounceMs = 300;
    static constexpr qint64 ReplaySpanSeconds = 30 * 86400;

    // `configured` is [alerts] of the configuration: the defaults where nothing was saved. `selectedResourceId` is
    // the resource the replay starts on (the one selected in the main window; 0 for the first).
    ThresholdsDialog(Repository *repository, const AlertConfig &configured, qint64 selectedResourceId,
                     QWidget *parent = nullptr);
    ~ThresholdsDialog() override;
    Q_DISABLE_COPY_MOVE(ThresholdsDialog)

    // The rules as edited.
    AlertRuleSet rules() const;
    // AlertRuleSet::validate() of rules(): what keeps Save disabled.
    QStringList problems() const { return m_problems; }
    bool isLoaded() const { return m_loaded; }

    QTableWidget *defaultsTable() const { return m_defaults; }
    QTableWidget *overridesTable() const { return m_overrides; }
    QPushButton *saveButton() const { return m_saveButton; }
    QPushButton *addButton() const { return m_addButton; }
    QPushButton *removeButton() const { return m_removeButton; }
    QComboBox *replayResourceBox() const { return m_resourceBox; }
    QComboBox *replayMetricBox() const { return m_metricBox; }
    ReplayChartView *replayChart() const { return m_chart; }
    // "Over the last 30 days this rule would have fired …", or why there is no replay.
    QString replaySummary() const;
    QString ruleText() const;
    bool isReplaying() const;
    QString statusText() const;

    // The human spelling of a duration the dialog uses: "5 min", "1 h 30 min", "45 s", "0 s".
    static QString durationText(qint64 seconds);

Q_SIGNALS:
    // The rules were read from the database (or failed to be: see statusText()) and are shown.
    void rulesLoaded();
    // A replay of the current edit arrived and is shown (stale replies are not announced).
    void replayShown(const ReplayResult &result);
    // The rules were written to the database; the dialog then closes (accepted).
    void saved(const AlertRuleSet &rules);
    // A save failed; the message is shown in the dialog too.
    void saveFailed(const QString &error);

private:
    struct DefaultRow
    {
        Metric metric = Metric::Cpu;
        QDoubleSpinBox *warning = nullptr;
        QDoubleSpinBox *critical = nullptr;
        QSpinBox *forSeconds = nullptr;
        QDoubleSpinBox *clearMargin = nullptr;
        QLabel *problem = nullptr;
    };
    struct OverrideRow
    {
        QComboBox *scope = nullptr;
        QLineEdit *target = nullptr;
        QComboBox *metric = nullptr;
        QDoubleSpinBox *warning = nullptr;
        QDoubleSpinBox *critical = nullptr;
        QSpinBox *forSeconds = nullptr;
        QDoubleSpinBox *clearMargin = nullptr;
        QLabel *problem = nullptr;
    };

    void showRules(const AlertRuleSet &rules);
    int appendOverrideRow(const AlertOverride &entry);
    void addOverride();
    void removeSelectedOverrides();
    AlertOverride overrideAt(int row) const;
    void edited();
    void validateRules();
    void updateInherited(const AlertRuleSet &rules);
    void updateCompleter(int row);
    void fleetLoaded(const FleetResult &fleet);
    void scheduleReplay();
    void runReplay();
    void showReplay(const ReplayResult &result);
    void setBusy(bool busy);
    void save();
    const FleetRow *selectedResource() const;

    Repository *m_repository = nullptr;
    AlertConfig m_configured;
    qint64 m_selectedResourceId = 0;
    bool m_loaded = false;
    bool m_fleetLoaded = false;
    bool m_saving = false;
    bool m_filling = false; // widgets are being set from rules: not an edit
    QStringList m_problems;

    QTableWidget *m_defaults = nullptr;
    QTableWidget *m_overrides = nullptr;
    QList<DefaultRow> m_defaultRows;
    QList<OverrideRow> m_overrideRows;
    QPushButton *m_addButton = nullptr;
    QPushButton *m_removeButton = nullptr;
    QLabel *m_problemSummary = nullptr;
    QLabel *m_status = nullptr;

    QList<FleetRow> m_fleet;
    QStringListModel *m_resourceNames = nullptr;
    QStringListModel *m_tags = nullptr;
    QStringListModel *m_kinds = nullptr;

    QComboBox *m_resourceBox = nullptr;
    QComboBox *m_metricBox = nullptr;
    QLabel *m_ruleLabel = nullptr;
    QLabel *m_summaryLabel = nullptr;
    QProgressBar *m_busy = nullptr;
    ReplayChartView *m_chart = nullptr;
    QTimer *m_replayTimer = nullptr;
    quint64 m_replayGeneration = 0;
    bool m_replayPending = false;

    QDialogButtonBox *m_buttons = nullptr;
    QPushButton *m_saveButton = nullptr;
};
