#include "thresholdsdialog.h"
#include "detaildialog.h"
#include "elidedlabel.h"
#include "query/repository.h"
#include "replaychartview.h"

#include <QComboBox>
#include <QCompleter>
#include <QCoreApplication>
#include <QDateTime>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QRegularExpression>
#include <QSpinBox>
#include <QSplitter>
#include <QStringListModel>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>
#include <set>

namespace {

constexpr double Inherit = -1; // the value of an optional field that is not set (falls through)
constexpr int MaxForSeconds = 7 * 86400;

QColor criticalColor(const QPalette &palette)
{
    return palette.color(QPalette::Base).lightness() < 128 ? QColor(0xff, 0x6b, 0x6b) : QColor(0xd3, 0x2f, 0x2f);
}

// A field's look from its state: marked invalid (tinted base) and/or showing an inherited value (greyed text).
void restyle(QWidget *widget)
{
    QPalette palette = widget->parentWidget() ? widget->parentWidget()->palette() : QPalette();
    if (widget->property("inherited").toBool())
        palette.setColor(QPalette::Text, palette.color(QPalette::PlaceholderText));
    if (widget->property("invalid").toBool()) {
        const QColor base = palette.color(QPalette::Base);
        const QColor tint = criticalColor(palette);
        palette.setColor(QPalette::Base,
                         QColor::fromRgbF(float(base.redF() * 0.75 + tint.redF() * 0.25),
                                          float(base.greenF() * 0.75 + tint.greenF() * 0.25),
                                          float(base.blueF() * 0.75 + tint.blueF() * 0.25)));
    }
    widget->setPalette(palette);
}

void setInvalid(QWidget *widget, bool invalid)
{
    if (widget->property("invalid").toBool() == invalid)
        return;
    widget->setProperty("invalid", invalid);
    restyle(widget);
}

QString percentText(double value)
{
    return QLocale().toString(value, 'f', std::abs(value - std::round(value)) < 1e-9 ? 0 : 1) + QStringLiteral(" %");
}

// A percent field. An optional one may be left to inherit: then it shows the inherited value greyed, stepping up
// starts from that value, and clearing the text (or stepping below 0) goes back to inheriting.
class PercentSpinBox final : public QDoubleSpinBox
{
public:
    PercentSpinBox(bool optional, QWidget *parent)
        : QDoubleSpinBox(parent)
        , m_optional(optional)
    {
        setDecimals(1);
        setRange(optional ? Inherit : 0, 100);
        setSuffix(QStringLiteral(" %"));
        setSingleStep(1);
        setAccelerated(true);
        setFrame(false);
        setAlignment(Qt::AlignRight | Qt::AlignVCenter);
        connect(this, &QDoubleSpinBox::valueChanged, this, [this] { updateLook(); });
    }

    bool isInherited() const { return m_optional && value() <= Inherit; }
    std::optional<double> optionalValue() const { return isInherited() ? std::nullopt : std::optional(value()); }
    void setOptionalValue(std::optional<double> v) { setValue(v.value_or(Inherit)); }

    void setInherited(double inherited, const QString &from)
    {
        m_inherited = inherited;
        setSpecialValueText(percentText(inherited));
        setToolTip(ThresholdsDialog::tr("Inherits %1 from %2. Type a value to set it here; clear it to inherit again.")
                       .arg(percentText(inherited), from));
        updateLook();
    }

    void stepBy(int steps) override
    {
        if (isInherited() && steps > 0) {
            setValue(m_inherited);
            return;
        }
        QDoubleSpinBox::stepBy(steps);
    }

protected:
    QValidator::State validate(QString &text, int &pos) const override
    {
        if (m_optional && text.trimmed().isEmpty())
            return QValidator::Acceptable;
        return QDoubleSpinBox::validate(text, pos);
    }
    double valueFromText(const QString &text) const override
    {
        if (m_optional && (text.trimmed().isEmpty() || text == specialValueText()))
            return Inherit;
        return QDoubleSpinBox::valueFromText(text);
    }

private:
    void updateLook()
    {
        if (property("inherited").toBool() == isInherited())
            return;
        setProperty("inherited", isInherited());
        restyle(this);
    }

    bool m_optional = false;
    double m_inherited = 0;
};

// A duration in seconds, shown as "5 min" or "1 h 30 min" and typed the same way ("90 s", "2h", "10m"; a bare
// number is minutes, the unit people think of for `for`). Optional like PercentSpinBox.
class DurationSpinBox final : public QSpinBox
{
public:
    DurationSpinBox(bool optional, QWidget *parent)
        : QSpinBox(parent)
        , m_optional(optional)
    {
        setRange(optional ? int(Inherit) : 0, MaxForSeconds);
        setSingleStep(60);
        setAccelerated(true);
        setFrame(false);
        setAlignment(Qt::AlignRight | Qt::AlignVCenter);
        connect(this, &QSpinBox::valueChanged, this, [this] { updateLook(); });
        if (!optional)
            setToolTip(ThresholdsDialog::tr("How long a value must stay at or above a threshold before the alert "
                                            "fires, e.g. 90 s, 5 min, 1 h 30 min (a bare number is minutes)."));
    }

    bool isInherited() const { return m_optional && value() < 0; }
    std::optional<qint64> optionalValue() const { return isInherited() ? std::nullopt : std::optional<qint64>(value()); }
    void setOptionalValue(std::optional<qint64> v) { setValue(int(v.value_or(qint64(Inherit)))); }

    void setInherited(qint64 inherited, const QString &from)
    {
        m_inherited = inherited;
        setSpecialValueText(ThresholdsDialog::durationText(inherited));
        setToolTip(ThresholdsDialog::tr("Inherits %1 from %2. Type a duration to set it here; clear it to inherit "
                                        "again.")
                       .arg(ThresholdsDialog::durationText(inherited), from));
        updateLook();
    }

    void stepBy(int steps) override
    {
        if (isInherited() && steps > 0) {
            setValue(int(m_inherited));
            return;
        }
        QSpinBox::stepBy(steps);
    }

    static std::optional<qint64> parse(const QString &text)
    {
        const QString trimmed = text.trimmed();
        if (trimmed.isEmpty())
            return std::nullopt;
        bool bare = false;
        const qint64 minutes = trimmed.toLongLong(&bare);
        if (bare)
            return minutes * 60;
        static const QRegularExpression group(QStringLiteral("\\G\\s*(\\d+)\\s*([^\\d\\s]+)"));
        const QList<QPair<QString, qint64>> units {
            { ThresholdsDialog::tr("d"), 86400 }, { ThresholdsDialog::tr("h"), 3600 },
            { ThresholdsDialog::tr("min"), 60 },  { ThresholdsDialog::tr("s"), 1 },
            { QStringLiteral("d"), 86400 },       { QStringLiteral("h"), 3600 },
            { QStringLiteral("min"), 60 },        { QStringLiteral("m"), 60 },
            { QStringLiteral("s"), 1 },           { QStringLiteral("sec"), 1 },
        };
        qint64 total = 0;
        qsizetype pos = 0;
        auto it = group.globalMatch(trimmed);
        while (it.hasNext()) {
            const QRegularExpressionMatch m = it.next();
            const QString unit = m.captured(2).toLower();
            const auto found = std::find_if(units.cbegin(), units.cend(), [&](const auto &u) { return u.first == unit; });
            if (found == units.cend())
                return std::nullopt;
            total += m.captured(1).toLongLong() * found->second;
            pos = m.capturedEnd();
        }
        if (pos != trimmed.size() || pos == 0)
            return std::nullopt;
        return total;
    }

protected:
    QString textFromValue(int value) const override
    {
        return value < 0 ? QString() : ThresholdsDialog::durationText(value);
    }
    int valueFromText(const QString &text) const override
    {
        if (m_optional && (text.trimmed().isEmpty() || text == specialValueText()))
            return int(Inherit);
        return int(std::clamp<qint64>(parse(text).value_or(value()), 0, MaxForSeconds));
    }
    QValidator::State validate(QString &text, int &) const override
    {
        if ((m_optional && text.trimmed().isEmpty()) || text == specialValueText())
            return QValidator::Acceptable;
        const auto seconds = parse(text);
        if (!seconds)
            return QValidator::Intermediate;
        return *seconds <= MaxForSeconds ? QValidator::Acceptable : QValidator::Invalid;
    }

private:
    void updateLook()
    {
        if (property("inherited").toBool() == isInherited())
            return;
        setProperty("inherited", isInherited());
        restyle(this);
    }

    bool m_optional = false;
    qint64 m_inherited = 0;
};

PercentSpinBox *percentBox(QWidget *widget)
{
    return static_cast<PercentSpinBox *>(widget);
}

DurationSpinBox *durationBox(QWidget *widget)
{
    return static_cast<DurationSpinBox *>(widget);
}

QString scopeTitle(AlertScope scope)
{
    switch (scope) {
    case AlertScope::Resource:
        return ThresholdsDialog::tr("Resource");
    case AlertScope::Tag:
        return ThresholdsDialog::tr("Tag");
    case AlertScope::Kind:
        return ThresholdsDialog::tr("Kind");
    }
    return {};
}

// The prefix AlertRuleSet::validate() gives the messages about a metric's defaults.
QString defaultsPrefix(Metric metric)
{
    return QCoreApplication::translate("AlertRuleSet", "%1 defaults").arg(metricName(metric));
}

QStringList messagesFor(const QStringList &problems, const QString &prefix)
{
    QStringList found;
    for (const QString &p : problems) {
        if (p.startsWith(prefix + QLatin1Char(':')) || p.startsWith(prefix + QLatin1Char(' ')))
            found << p;
    }
    return found;
}

QString timesText(int n)
{
    return n == 1 ? ThresholdsDialog::tr("once") : ThresholdsDialog::tr("%n times", nullptr, n);
}

} // namespace

QString ThresholdsDialog::durationText(qint64 seconds)
{
    if (seconds <= 0)
        return tr("%1 s").arg(0);
    QStringList parts;
    const qint64 days = seconds / 86400;
    const qint64 hours = seconds % 86400 / 3600;
    const qint64 minutes = seconds % 3600 / 60;
    const qint64 secs = seconds % 60;
    if (days)
        parts << tr("%1 d").arg(days);
    if (hours)
        parts << tr("%1 h").arg(hours);
    if (minutes)
        parts << tr("%1 min").arg(minutes);
    // Seconds only matter next to minutes: "1 d 2 h", not "1 d 2 h 0 min 13 s".
    if (secs && !days && !hours)
        parts << tr("%1 s").arg(secs);
    if (parts.isEmpty())
        parts << tr("%1 min").arg(0);
    return parts.join(QLatin1Char(' '));
}

ThresholdsDialog::ThresholdsDialog(Repository *repository, const AlertConfig &configured, qint64 selectedResourceId,
                                   QWidget *parent)
    : QDialog(parent)
    , m_repository(repository)
    , m_configured(configured)
    , m_selectedResourceId(selectedResourceId)
{
    setObjectName(QStringLiteral("thresholdsDialog"));
    setWindowTitle(tr("Thresholds"));

    auto *intro = new QLabel(tr("Alerts fire when a value stays at or above a threshold for the time in “For”, and "
                                "resolve once it falls below the threshold minus the clear margin. Overrides apply "
                                "to one resource, a tag or a kind (resource before tag before kind); fields left "
                                "empty inherit. Saved thresholds are shared by everyone using this database."),
                             this);
    intro->setWordWrap(true);

    // Defaults: one row per metric.
    m_defaults = new QTableWidget(0, DefaultProblem + 1, this);
    m_defaults->setObjectName(QStringLiteral("defaultsTable"));
    m_defaults->setHorizontalHeaderLabels(
        { tr("Metric"), tr("Warning"), tr("Critical"), tr("For"), tr("Clear margin"), tr("Problem") });
    for (QTableWidget *table : { m_defaults }) {
        table->verticalHeader()->hide();
        table->setSelectionMode(QAbstractItemView::NoSelection);
        table->setFocusPolicy(Qt::NoFocus);
    }
    for (Metric metric : AllMetrics) {
        const int row = m_defaults->rowCount();
        m_defaults->insertRow(row);
        auto *name = new QTableWidgetItem(DetailDialog::metricTitle(metric));
        name->setFlags(Qt::ItemIsEnabled);
        m_defaults->setItem(row, DefaultMetric, name);
        DefaultRow r;
        r.metric = metric;
        r.warning = new PercentSpinBox(false, m_defaults);
        r.critical = new PercentSpinBox(false, m_defaults);
        r.forSeconds = new DurationSpinBox(false, m_defaults);
        r.clearMargin = new PercentSpinBox(false, m_defaults);
        auto *problem = new ElidedLabel(m_defaults);
        r.problem = problem;
        const QString what = DetailDialog::metricTitle(metric);
        r.warning->setAccessibleName(tr("%1 warning threshold").arg(what));
        r.critical->setAccessibleName(tr("%1 critical threshold").arg(what));
        r.forSeconds->setAccessibleName(tr("%1 for").arg(what));
        r.clearMargin->setAccessibleName(tr("%1 clear margin").arg(what));
        r.clearMargin->setToolTip(tr("An alert resolves once the value falls below its threshold minus this margin, "
                                     "so a value hovering at the threshold does not flap."));
        m_defaults->setCellWidget(row, DefaultWarning, r.warning);
        m_defaults->setCellWidget(row, DefaultCritical, r.critical);
        m_defaults->setCellWidget(row, DefaultFor, r.forSeconds);
        m_defaults->setCellWidget(row, DefaultClearMargin, r.clearMargin);
        m_defaults->setCellWidget(row, DefaultProblem, r.problem);
        for (QDoubleSpinBox *box : { r.warning, r.critical, r.clearMargin })
            connect(box, &QDoubleSpinBox::valueChanged, this, &ThresholdsDialog::edited);
        connect(r.forSeconds, &QSpinBox::valueChanged, this, &ThresholdsDialog::edited);
        m_defaultRows << r;
    }

    m_overrides = new QTableWidget(0, OverrideProblem + 1, this);
    m_overrides->setObjectName(QStringLiteral("overridesTable"));
    m_overrides->setHorizontalHeaderLabels({ tr("Scope"), tr("Target"), tr("Metric"), tr("Warning"), tr("Critical"),
                                             tr("For"), tr("Clear margin"), tr("Problem") });
    m_overrides->verticalHeader()->hide();
    m_overrides->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_overrides->setSelectionMode(QAbstractItemView::ExtendedSelection);

    const int rowHeight = std::max(PercentSpinBox(false, nullptr).sizeHint().height(),
                                   QComboBox().sizeHint().height())
        + 4;
    for (QTableWidget *table : { m_defaults, m_overrides }) {
        table->verticalHeader()->setDefaultSectionSize(rowHeight);
        table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
        table->horizontalHeader()->setStretchLastSection(true);
        table->horizontalHeader()->setHighlightSections(false);
        table->setHorizontalScrollBarPolicy(Qt::ScrollBarAsNeeded);
        table->setWordWrap(false);
    }
    const int numberWidth = fontMetrics().horizontalAdvance(QStringLiteral("100.0 %")) + 48;
    const int durationWidth = fontMetrics().horizontalAdvance(durationText(86400 + 23 * 3600 + 59 * 60)) + 36;
    m_defaults->setColumnWidth(DefaultMetric, fontMetrics().horizontalAdvance(tr("Memory")) + 40);
    for (int c : { int(DefaultWarning), int(DefaultCritical), int(DefaultClearMargin) })
        m_defaults->setColumnWidth(c, numberWidth);
    m_defaults->setColumnWidth(DefaultFor, durationWidth);
    m_defaults->setFixedHeight(m_defaults->horizontalHeader()->sizeHint().height() + 3 * rowHeight
                               + 2 * m_defaults->frameWidth());
    m_overrides->setColumnWidth(OverrideScope, fontMetrics().horizontalAdvance(tr("Resource")) + 48);
    m_overrides->setColumnWidth(OverrideTarget, fontMetrics().horizontalAdvance(QLatin1Char('m')) * 16);
    m_overrides->setColumnWidth(OverrideMetric, fontMetrics().horizontalAdvance(tr("Memory")) + 48);
    for (int c : { int(OverrideWarning), int(OverrideCritical), int(OverrideClearMargin) })
        m_overrides->setColumnWidth(c, numberWidth);
    m_overrides->setColumnWidth(OverrideFor, durationWidth);
    m_overrides->setMinimumHeight(m_overrides->horizontalHeader()->sizeHint().height() + 3 * rowHeight);

    m_addButton = new QPushButton(tr("&Add override"), this);
    m_addButton->setObjectName(QStringLiteral("addOverride"));
    m_removeButton = new QPushButton(tr("&Remove"), this);
    m_removeButton->setObjectName(QStringLiteral("removeOverride"));
    m_removeButton->setEnabled(false);
    connect(m_addButton, &QPushButton::clicked, this, &ThresholdsDialog::addOverride);
    connect(m_removeButton, &QPushButton::clicked, this, &ThresholdsDialog::removeSelectedOverrides);
    connect(m_overrides->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            [this] { m_removeButton->setEnabled(!m_overrides->selectionModel()->selectedRows().isEmpty()); });

    m_problemSummary = new QLabel(this);
    m_problemSummary->setObjectName(QStringLiteral("problemSummary"));
    m_problemSummary->setWordWrap(true);
    m_problemSummary->hide();

    m_resourceNames = new QStringListModel(this);
    m_tags = new QStringListModel(this);
    m_kinds = new QStringListModel(AlertRuleSet::knownKinds(), this);

    auto *defaultsBox = new QGroupBox(tr("Defaults"), this);
    auto *defaultsLayout = new QVBoxLayout(defaultsBox);
    defaultsLayout->addWidget(m_defaults);
    auto *overridesBox = new QGroupBox(tr("Overrides"), this);
    auto *overridesLayout = new QVBoxLayout(overridesBox);
    overridesLayout->addWidget(m_overrides, 1);
    auto *overrideButtons = new QHBoxLayout;
    overrideButtons->addWidget(m_addButton);
    overrideButtons->addWidget(m_removeButton);
    overrideButtons->addStretch(1);
    overridesLayout->addLayout(overrideButtons);

    // Replay
    m_resourceBox = new QComboBox(this);
    m_resourceBox->setObjectName(QStringLiteral("replayResource"));
    m_resourceBox->setMinimumContentsLength(18);
    m_resourceBox->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_metricBox = new QComboBox(this);
    m_metricBox->setObjectName(QStringLiteral("replayMetric"));
    for (Metric metric : AllMetrics)
        m_metricBox->addItem(DetailDialog::metricTitle(metric), int(metric));
    m_busy = new QProgressBar(this);
    m_busy->setObjectName(QStringLiteral("replayBusy"));
    m_busy->setRange(0, 0);
    m_busy->setTextVisible(false);
    m_busy->setMaximumWidth(90);
    m_busy->setMaximumHeight(fontMetrics().height());
    m_busy->setAccessibleName(tr("Replaying"));
    QSizePolicy keep = m_busy->sizePolicy();
    keep.setRetainSizeWhenHidden(true); // the row does not jump when it comes and goes
    m_busy->setSizePolicy(keep);
    m_busy->hide();
    m_ruleLabel = new QLabel(this);
    m_ruleLabel->setObjectName(QStringLiteral("replayRule"));
    m_ruleLabel->setWordWrap(true);
    m_summaryLabel = new QLabel(this);
    m_summaryLabel->setObjectName(QStringLiteral("replaySummary"));
    m_summaryLabel->setWordWrap(true);
    m_summaryLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont bold = m_summaryLabel->font();
    bold.setBold(true);
    m_summaryLabel->setFont(bold);
    m_chart = new ReplayChartView(this);

    auto *replayBox = new QGroupBox(tr("Replay over the last 30 days"), this);
    auto *replayLayout = new QVBoxLayout(replayBox);
    auto *pick = new QHBoxLayout;
    auto *resourceLabel = new QLabel(tr("Re&source:"), this);
    resourceLabel->setBuddy(m_resourceBox);
    auto *metricLabel = new QLabel(tr("&Metric:"), this);
    metricLabel->setBuddy(m_metricBox);
    pick->addWidget(resourceLabel);
    pick->addWidget(m_resourceBox, 1);
    pick->addSpacing(12);
    pick->addWidget(metricLabel);
    pick->addWidget(m_metricBox);
    pick->addSpacing(12);
    pick->addWidget(m_busy);
    pick->addStretch(1);
    replayLayout->addLayout(pick);
    replayLayout->addWidget(m_ruleLabel);
    replayLayout->addWidget(m_summaryLabel);
    replayLayout->addWidget(m_chart, 1);

    m_replayTimer = new QTimer(this);
    m_replayTimer->setSingleShot(true);
    m_replayTimer->setInterval(ReplayDebounceMs);
    connect(m_replayTimer, &QTimer::timeout, this, &ThresholdsDialog::runReplay);
    connect(m_resourceBox, &QComboBox::currentIndexChanged, this, &ThresholdsDialog::scheduleReplay);
    connect(m_metricBox, &QComboBox::currentIndexChanged, this, &ThresholdsDialog::scheduleReplay);

    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("thresholdsStatus"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_status->setText(tr("Reading the thresholds…"));

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    m_saveButton = m_buttons->button(QDialogButtonBox::Save);
    m_saveButton->setEnabled(false);
    connect(m_saveButton, &QPushButton::clicked, this, &ThresholdsDialog::save);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *editing = new QWidget(this);
    auto *editingLayout = new QVBoxLayout(editing);
    editingLayout->setContentsMargins(0, 0, 0, 0);
    editingLayout->addWidget(intro);
    editingLayout->addWidget(defaultsBox);
    editingLayout->addWidget(overridesBox, 1);
    editingLayout->addWidget(m_problemSummary);
    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->setChildrenCollapsible(false);
    splitter->addWidget(editing);
    splitter->addWidget(replayBox);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 1);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(splitter, 1);
    auto *bottom = new QHBoxLayout;
    bottom->addWidget(m_status, 1);
    bottom->addWidget(m_buttons);
    layout->addLayout(bottom);
    resize(980, 860);

    m_defaults->setEnabled(false);
    m_overrides->setEnabled(false);
    m_addButton->setEnabled(false);
    showRules(AlertRuleSet(m_configured));
    m_loaded = false;

    m_repository->alertRules(m_configured).then(this, [this](const AlertRulesResult &result) {
        showRules(result.rules);
        m_loaded = true;
        m_defaults->setEnabled(true);
        m_overrides->setEnabled(true);
        m_addButton->setEnabled(true);
        if (result.error.isEmpty())
            m_status->clear();
        else
            m_status->setText(tr("The saved thresholds could not be read, so the configured ones are shown: %1")
                                  .arg(result.error));
        validateRules();
        Q_EMIT rulesLoaded();
        scheduleReplay();
    });
    m_repository->fleet().then(this, [this](const FleetResult &fleet) { fleetLoaded(fleet); });
}

ThresholdsDialog::~ThresholdsDialog() = default;

void ThresholdsDialog::showRules(const AlertRuleSet &rules)
{
    m_filling = true;
    for (const DefaultRow &r : std::as_const(m_defaultRows)) {
        const AlertRule rule = rules.defaultRule(r.metric);
        r.warning->setValue(rule.warning);
        r.critical->setValue(rule.critical);
        r.forSeconds->setValue(int(std::min<qint64>(rule.forSeconds, MaxForSeconds)));
        r.clearMargin->setValue(rule.clearMargin);
    }
    m_overrides->setRowCount(0);
    m_overrideRows.clear();
    // Most specific first: the order in which they win.
    QList<AlertOverride> overrides = rules.overrides();
    std::stable_sort(overrides.begin(), overrides.end(), [](const AlertOverride &a, const AlertOverride &b) {
        return std::tuple(-int(a.scope), a.target, int(a.metric)) < std::tuple(-int(b.scope), b.target, int(b.metric));
    });
    for (const AlertOverride &o : std::as_const(overrides))
        appendOverrideRow(o);
    m_filling = false;
    validateRules();
}

int ThresholdsDialog::appendOverrideRow(const AlertOverride &entry)
{
    const int row = m_overrides->rowCount();
    m_overrides->insertRow(row);
    OverrideRow r;
    r.scope = new QComboBox(m_overrides);
    r.scope->setFrame(false);
    for (AlertScope scope : { AlertScope::Resource, AlertScope::Tag, AlertScope::Kind })
        r.scope->addItem(scopeTitle(scope), int(scope));
    r.scope->setCurrentIndex(r.scope->findData(int(entry.scope)));
    r.target = new QLineEdit(entry.target, m_overrides);
    r.target->setFrame(false);
    r.target->setPlaceholderText(tr("name, tag or kind"));
    r.target->setCompleter(new QCompleter(r.target));
    r.target->completer()->setCaseSensitivity(Qt::CaseInsensitive);
    r.target->completer()->setFilterMode(Qt::MatchContains);
    r.metric = new QComboBox(m_overrides);
    r.metric->setFrame(false);
    for (Metric metric : AllMetrics)
        r.metric->addItem(DetailDialog::metricTitle(metric), int(metric));
    r.metric->setCurrentIndex(r.metric->findData(int(entry.metric)));
    auto *warning = new PercentSpinBox(true, m_overrides);
    auto *critical = new PercentSpinBox(true, m_overrides);
    auto *forSeconds = new DurationSpinBox(true, m_overrides);
    auto *clearMargin = new PercentSpinBox(true, m_overrides);
    warning->setOptionalValue(entry.warning);
    critical->setOptionalValue(entry.critical);
    forSeconds->setOptionalValue(entry.forSeconds);
    clearMargin->setOptionalValue(entry.clearMargin);
    r.warning = warning;
    r.critical = critical;
    r.forSeconds = forSeconds;
    r.clearMargin = clearMargin;
    r.problem = new ElidedLabel(m_overrides);
    r.scope->setAccessibleName(tr("Scope"));
    r.target->setAccessibleName(tr("Target"));
    r.metric->setAccessibleName(tr("Metric"));
    r.warning->setAccessibleName(tr("Warning"));
    r.critical->setAccessibleName(tr("Critical"));
    r.forSeconds->setAccessibleName(tr("For"));
    r.clearMargin->setAccessibleName(tr("Clear margin"));
    m_overrides->setCellWidget(row, OverrideScope, r.scope);
    m_overrides->setCellWidget(row, OverrideTarget, r.target);
    m_overrides->setCellWidget(row, OverrideMetric, r.metric);
    m_overrides->setCellWidget(row, OverrideWarning, r.warning);
    m_overrides->setCellWidget(row, OverrideCritical, r.critical);
    m_overrides->setCellWidget(row, OverrideFor, r.forSeconds);
    m_overrides->setCellWidget(row, OverrideClearMargin, r.clearMargin);
    m_overrides->setCellWidget(row, OverrideProblem, r.problem);
    m_overrideRows << r;

    QComboBox *scopeBox = r.scope;
    connect(r.scope, &QComboBox::currentIndexChanged, this, [this, scopeBox] {
        for (int i = 0; i < m_overrideRows.size(); ++i) {
            if (m_overrideRows[i].scope == scopeBox)
                updateCompleter(i);
        }
        edited();
    });
    connect(r.metric, &QComboBox::currentIndexChanged, this, &ThresholdsDialog::edited);
    connect(r.target, &QLineEdit::textChanged, this, &ThresholdsDialog::edited);
    for (QDoubleSpinBox *box : { r.warning, r.critical, r.clearMargin })
        connect(box, &QDoubleSpinBox::valueChanged, this, &ThresholdsDialog::edited);
    connect(r.forSeconds, &QSpinBox::valueChanged, this, &ThresholdsDialog::edited);
    updateCompleter(row);
    return row;
}

void ThresholdsDialog::updateCompleter(int row)
{
    const OverrideRow &r = m_overrideRows.at(row);
    const auto scope = AlertScope(r.scope->currentData().toInt());
    r.target->completer()->setModel(scope == AlertScope::Resource ? m_resourceNames
                                        : scope == AlertScope::Tag ? m_tags
                                                                   : m_kinds);
}

void ThresholdsDialog::addOverride()
{
    // Start from what the replay looks at: overriding the resource being examined is the common case.
    AlertOverride entry;
    entry.scope = AlertScope::Resource;
    entry.metric = Metric(m_metricBox->currentData().toInt());
    if (const FleetRow *resource = selectedResource())
        entry.target = resource->name;
    const int row = appendOverrideRow(entry);
    m_overrides->scrollToBottom();
    m_overrides->selectRow(row);
    m_overrideRows.at(row).target->setFocus();
    m_overrideRows.at(row).target->selectAll();
    edited();
}

void ThresholdsDialog::removeSelectedOverrides()
{
    QList<int> rows;
    for (const QModelIndex &index : m_overrides->selectionModel()->selectedRows())
        rows << index.row();
    std::sort(rows.begin(), rows.end(), std::greater<int>());
    for (int row : std::as_const(rows)) {
        m_overrides->removeRow(row);
        m_overrideRows.removeAt(row);
    }
    edited();
}

AlertOverride ThresholdsDialog::overrideAt(int row) const
{
    const OverrideRow &r = m_overrideRows.at(row);
    AlertOverride o;
    o.scope = AlertScope(r.scope->currentData().toInt());
    o.target = r.target->text().trimmed();
    o.metric = Metric(r.metric->currentData().toInt());
    o.warning = percentBox(r.warning)->optionalValue();
    o.critical = percentBox(r.critical)->optionalValue();
    o.forSeconds = durationBox(r.forSeconds)->optionalValue();
    o.clearMargin = percentBox(r.clearMargin)->optionalValue();
    return o;
}

AlertRuleSet ThresholdsDialog::rules() const
{
    AlertRuleSet rules(m_configured);
    for (const DefaultRow &r : m_defaultRows)
        rules.setDefaultRule(AlertRule { r.metric, r.warning->value(), r.critical->value(), r.forSeconds->value(),
                                         r.clearMargin->value() });
    QList<AlertOverride> overrides;
    for (int i = 0; i < m_overrideRows.size(); ++i)
        overrides << overrideAt(i);
    rules.setOverrides(overrides);
    return rules;
}

void ThresholdsDialog::edited()
{
    if (m_filling)
        return;
    validateRules();
    scheduleReplay();
}

void ThresholdsDialog::validateRules()
{
    if (m_filling)
        return;
    const AlertRuleSet set = rules();
    m_problems = set.validate();
    auto place = [&](const QStringList &messages, QLabel *label) {
        static_cast<ElidedLabel *>(label)->setFullText(messages.join(QLatin1Char('\n')));
        QPalette palette = label->palette();
        palette.setColor(QPalette::WindowText, criticalColor(palette));
        label->setPalette(palette);
    };
    // Which fields are at fault: those whose replacement by the value they would fall back to makes the row's
    // problems fewer. This reads validate()'s verdict instead of re-implementing its rules.
    auto countFor = [](const AlertRuleSet &s, const QString &prefix) { return messagesFor(s.validate(), prefix).size(); };

    const AlertRuleSet fallback(m_configured);
    const AlertRuleSet builtIn;
    for (const DefaultRow &r : std::as_const(m_defaultRows)) {
        const QString prefix = defaultsPrefix(r.metric);
        const QStringList messages = messagesFor(m_problems, prefix);
        place(messages, r.problem);
        const AlertRule rule = set.defaultRule(r.metric);
        struct Field
        {
            QWidget *widget;
            double AlertRule::*value;
        };
        for (const auto &[widget, member] : { Field { r.warning, &AlertRule::warning },
                                              Field { r.critical, &AlertRule::critical },
                                              Field { r.clearMargin, &AlertRule::clearMargin } }) {
            bool bad = false;
            if (!messages.isEmpty()) {
                for (const AlertRuleSet *source : { &fallback, &builtIn }) {
                    AlertRuleSet trial = set;
                    AlertRule changed = rule;
                    changed.*member = source->defaultRule(r.metric).*member;
                    if (changed == rule)
                        continue;
                    trial.setDefaultRule(changed);
                    bad = bad || countFor(trial, prefix) < messages.size();
                }
            }
            setInvalid(widget, bad);
        }
        setInvalid(r.forSeconds, !messages.isEmpty() && rule.forSeconds < 0);
    }

    for (int i = 0; i < m_overrideRows.size(); ++i) {
        const OverrideRow &r = m_overrideRows.at(i);
        const AlertOverride o = set.overrides().at(i);
        const QString prefix = o.describe();
        const QStringList messages = messagesFor(m_problems, prefix);
        place(messages, r.problem);
        const AlertRule fallbackRule = set.defaultRule(o.metric);
        auto implicated = [&](auto member, auto fallbackValue) {
            if (messages.isEmpty() || !(o.*member))
                return false;
            AlertRuleSet trial = set;
            QList<AlertOverride> list = set.overrides();
            list[i].*member = fallbackValue;
            trial.setOverrides(list);
            return countFor(trial, prefix) < messages.size();
        };
        setInvalid(r.warning, implicated(&AlertOverride::warning, std::optional(fallbackRule.warning)));
        setInvalid(r.critical, implicated(&AlertOverride::critical, std::optional(fallbackRule.critical)));
        setInvalid(r.forSeconds, implicated(&AlertOverride::forSeconds, std::optional(fallbackRule.forSeconds)));
        setInvalid(r.clearMargin, implicated(&AlertOverride::clearMargin, std::optional(fallbackRule.clearMargin)));
        const bool duplicate = std::count_if(set.overrides().cbegin(), set.overrides().cend(), [&](const AlertOverride &x) {
                                   return x.scope == o.scope && x.target == o.target && x.metric == o.metric;
                               }) > 1;
        setInvalid(r.target, !messages.isEmpty()
                       && (o.target.isEmpty() || duplicate
                           || (o.scope == AlertScope::Kind && !AlertRuleSet::knownKinds().contains(o.target))));
    }

    if (m_problems.isEmpty()) {
        m_problemSummary->hide();
    } else {
        QString text = m_problems.size() == 1 ? tr("1 problem: fix it to save.")
                                              : tr("%n problems: fix them to save.", nullptr, int(m_problems.size()));
        // In full here too: the row's own column may be too narrow for the whole sentence.
        text += QLatin1Char('\n') + m_problems.join(QLatin1Char('\n'));
        m_problemSummary->setText(text);
        QPalette palette = m_problemSummary->palette();
        palette.setColor(QPalette::WindowText, criticalColor(palette));
        m_problemSummary->setPalette(palette);
        m_problemSummary->show();
    }
    m_saveButton->setEnabled(m_loaded && !m_saving && m_problems.isEmpty());
    updateInherited(set);
}

void ThresholdsDialog::updateInherited(const AlertRuleSet &rules)
{
    for (int i = 0; i < m_overrideRows.size(); ++i) {
        const OverrideRow &r = m_overrideRows.at(i);
        const AlertOverride o = rules.overrides().at(i);
        // What the override's resources would get without it.
        AlertRuleSet without = rules;
        QList<AlertOverride> others = rules.overrides();
        others.removeAt(i);
        without.setOverrides(others);
        AlertRule inherited = without.defaultRule(o.metric);
        QString from = tr("the %1 defaults").arg(DetailDialog::metricTitle(o.metric));
        switch (o.scope) {
        case AlertScope::Resource: {
            const auto found = std::find_if(m_fleet.cbegin(), m_fleet.cend(),
                                            [&](const FleetRow &row) { return row.name == o.target; });
            if (found != m_fleet.cend()) {
                inherited = without.ruleFor(*found, o.metric);
                if (inherited != without.defaultRule(o.metric))
                    from = tr("its kind and tag overrides");
            }
            break;
        }
        case AlertScope::Tag:
            inherited = without.ruleFor(QString(), QString(), { o.target }, o.metric);
            break;
        case AlertScope::Kind:
            break;
        }
        percentBox(r.warning)->setInherited(inherited.warning, from);
        percentBox(r.critical)->setInherited(inherited.critical, from);
        durationBox(r.forSeconds)->setInherited(inherited.forSeconds, from);
        percentBox(r.clearMargin)->setInherited(inherited.clearMargin, from);
    }
}

void ThresholdsDialog::fleetLoaded(const FleetResult &fleet)
{
    m_fleet = fleet.rows;
    m_fleetLoaded = true;
    QStringList names;
    std::set<QString> tags;
    const QStringList knownKinds = AlertRuleSet::knownKinds();
    std::set<QString> kinds(knownKinds.cbegin(), knownKinds.cend());
    for (const FleetRow &row : std::as_const(m_fleet)) {
        names << row.name;
        tags.insert(row.tags.cbegin(), row.tags.cend());
        kinds.insert(row.kind);
    }
    names.removeDuplicates();
    m_resourceNames->setStringList(names);
    m_tags->setStringList(QStringList(tags.cbegin(), tags.cend()));
    m_kinds->setStringList(QStringList(kinds.cbegin(), kinds.cend()));

    const QSignalBlocker blocker(m_resourceBox);
    m_resourceBox->clear();
    int selected = 0;
    for (const FleetRow &row : std::as_const(m_fleet)) {
        if (row.id == m_selectedResourceId)
            selected = m_resourceBox->count();
        m_resourceBox->addItem(row.kind.isEmpty() ? row.name : tr("%1 (%2)").arg(row.name, row.kind), row.id);
    }
    m_resourceBox->setCurrentIndex(m_resourceBox->count() ? selected : -1);
    if (!fleet.error.isEmpty())
        m_summaryLabel->setText(tr("The fleet could not be read, so there is nothing to replay: %1").arg(fleet.error));
    validateRules();
    scheduleReplay();
}

const FleetRow *ThresholdsDialog::selectedResource() const
{
    const qint64 id = m_resourceBox->currentData().toLongLong();
    const auto found = std::find_if(m_fleet.cbegin(), m_fleet.cend(), [id](const FleetRow &row) { return row.id == id; });
    return found == m_fleet.cend() ? nullptr : &*found;
}

void ThresholdsDialog::scheduleReplay()
{
    // The figures on screen are about to be out of date: say so until the new ones are in.
    m_replayPending = true;
    setBusy(true);
    m_replayTimer->start();
}

void ThresholdsDialog::runReplay()
{
    // Waiting for the rules or the fleet: each schedules a run when it arrives.
    if (!m_loaded || !m_fleetLoaded)
        return;
    m_replayPending = false;
    if (m_fleet.isEmpty()) {
        setBusy(false);
        m_ruleLabel->clear();
        m_chart->clear();
        if (m_summaryLabel->text().isEmpty())
            m_summaryLabel->setText(tr("No resource in the cache yet: sync first, then replay."));
        return;
    }
    const FleetRow *resource = selectedResource();
    if (!resource) {
        setBusy(false);
        return;
    }
    const auto metric = Metric(m_metricBox->currentData().toInt());
    const AlertRuleSet set = rules();
    const AlertRule rule = set.ruleFor(*resource, metric);
    m_ruleLabel->setText(tr("Rule in force for %1: warning %2, critical %3, for %4, clear margin %5.")
                             .arg(resource->name, percentText(rule.warning), percentText(rule.critical),
                                  durationText(rule.forSeconds), percentText(rule.clearMargin)));
    const quint64 generation = ++m_replayGeneration;
    if (!m_problems.isEmpty()) {
        setBusy(false);
        m_summaryLabel->setText(tr("Fix the problems above to replay the rule."));
        m_chart->clear(tr("No replay while the thresholds have problems."));
        return;
    }
    // Up to the end of the current minute, like the live charts: the newest sample is in.
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    const qint64 to = now - now % 60 + 59;
    const int width = std::clamp(m_chart->width(), 200, 2000);
    m_repository->replay(resource->id, metric, rule, to - ReplaySpanSeconds, to, width)
        .then(this, [this, generation](const ReplayResult &result) {
            // A reply to an edit that has been superseded: the newer one is on its way.
            if (generation != m_replayGeneration || m_replayPending)
                return;
            setBusy(false);
            showReplay(result);
        });
}

void ThresholdsDialog::showReplay(const ReplayResult &result)
{
    const FleetRow *resource = selectedResource();
    const QString name = resource ? resource->name : QString();
    const QString metric = DetailDialog::metricTitle(result.request.metric);
    m_chart->setResult(result);
    if (!result.error.isEmpty()) {
        m_summaryLabel->setText(tr("The replay failed: %1").arg(result.error));
    } else if (result.samples == 0) {
        m_summaryLabel->setText(tr("%1 has no %2 samples in the last 30 days: nothing to replay.").arg(name, metric));
    } else {
        const qint64 covered = result.lastAt - result.firstAt;
        // Say when the history is shorter than the 30 days asked for, so "fired twice" is not over-read.
        const QString over = result.firstAt - result.request.from > 86400
            ? tr("Over the history there is (%1)").arg(durationText(std::max<qint64>(covered - covered % 3600, 60)))
            : tr("Over the last 30 days");
        const AlertReplayResult &r = result.replay;
        if (r.fired == 0)
            m_summaryLabel->setText(tr("%1, this rule would never have fired.").arg(over));
        else
            m_summaryLabel->setText(tr("%1, this rule would have fired %2, for %3 in total, and flapped %4.")
                                        .arg(over, timesText(r.fired), durationText(r.firingSeconds),
                                             timesText(r.flaps)));
    }
    Q_EMIT replayShown(result);
}

void ThresholdsDialog::setBusy(bool busy)
{
    m_busy->setVisible(busy);
    QPalette palette = m_summaryLabel->palette();
    palette.setColor(QPalette::WindowText,
                     busy ? palette.color(QPalette::PlaceholderText) : this->palette().color(QPalette::WindowText));
    m_summaryLabel->setPalette(palette);
}

bool ThresholdsDialog::isReplaying() const
{
    return !m_busy->isHidden();
}

QString ThresholdsDialog::replaySummary() const
{
    return m_summaryLabel->text();
}

QString ThresholdsDialog::ruleText() const
{
    return m_ruleLabel->text();
}

QString ThresholdsDialog::statusText() const
{
    return m_status->text();
}

void ThresholdsDialog::save()
{
    validateRules();
    if (!m_problems.isEmpty() || m_saving || !m_loaded)
        return;
    m_saving = true;
    m_saveButton->setEnabled(false);
    m_status->setText(tr("Saving…"));
    const AlertRuleSet set = rules();
    m_repository->saveAlertRules(set).then(this, [this, set](const QString &error) {
        m_saving = false;
        if (!error.isEmpty()) {
            QPalette palette = m_status->palette();
            palette.setColor(QPalette::WindowText, criticalColor(palette));
            m_status->setPalette(palette);
            m_status->setText(tr("The thresholds were not saved: %1. Check that the database is reachable and "
                                 "writable, then save again.")
                                  .arg(error));
            validateRules();
            Q_EMIT saveFailed(error);
            return;
        }
        m_status->clear();
        Q_EMIT saved(set);
        accept();
    });
}
