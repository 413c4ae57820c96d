#include "settingssourceeditor.h"

#include "config/duration.h"
#include "settingsfield.h"

#include <QCheckBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QIcon>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QRegularExpression>
#include <QStyle>
#include <QVBoxLayout>

namespace {

const QString Local = QStringLiteral("local");
const QString DigitalOcean = QStringLiteral("digitalocean");
const QString Prometheus = QStringLiteral("prometheus");
const QString NodeExporter = QStringLiteral("node_exporter");

// An option as the field shows it: empty when it is the default, so the placeholder says what applies.
QString shownOption(const SourceConfig &source, const QString &key, const QString &defaultValue)
{
    const QString value = source.options.value(key);
    return value == defaultValue ? QString() : value;
}

QLineEdit *lineEdit(const QString &objectName, const QString &placeholder, QWidget *parent)
{
    auto *edit = new QLineEdit(parent);
    edit->setObjectName(objectName);
    edit->setPlaceholderText(placeholder);
    edit->setClearButtonEnabled(true);
    return edit;
}

} // namespace

QString SettingsSourceEditor::typeTitle(const QString &type)
{
    if (type == Local)
        return tr("Local machine");
    if (type == DigitalOcean)
        return tr("DigitalOcean");
    if (type == Prometheus)
        return tr("Prometheus");
    if (type == NodeExporter)
        return tr("node_exporter");
    return type;
}

QIcon SettingsSourceEditor::typeIcon(const QString &type, const QWidget *widget)
{
    const QStyle *style = widget->style();
    if (type == Local)
        return QIcon::fromTheme(QStringLiteral("computer"), style->standardIcon(QStyle::SP_ComputerIcon));
    if (type == DigitalOcean)
        return QIcon::fromTheme(QStringLiteral("network-server"), style->standardIcon(QStyle::SP_DriveNetIcon));
    if (type == Prometheus)
        return QIcon::fromTheme(QStringLiteral("utilities-system-monitor"),
                                style->standardIcon(QStyle::SP_FileDialogContentsView));
    return QIcon::fromTheme(QStringLiteral("network-wired"), style->standardIcon(QStyle::SP_DriveNetIcon));
}

SettingsSourceEditor::SettingsSourceEditor(const SourceConfig &source, qint64 defaultInterval, QWidget *parent)
    : QWidget(parent)
    , m_type(source.type)
    , m_originalName(source.name)
    , m_storedToken(source.token)
{
    setObjectName(QStringLiteral("sourceEditor"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);

    auto *heading = new QLabel(tr("%1 source").arg(typeTitle(m_type)), this);
    heading->setObjectName(QStringLiteral("sourceHeading"));
    QFont headingFont = heading->font();
    headingFont.setBold(true);
    headingFont.setPointSizeF(headingFont.pointSizeF() * 1.1);
    heading->setFont(headingFont);
    layout->addWidget(heading);

    m_lastError = SettingsField::createResultLabel(this, QStringLiteral("sourceLastError"));
    m_lastError->hide();
    layout->addWidget(m_lastError);

    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->setRowWrapPolicy(QFormLayout::DontWrapRows);
    form->setLabelAlignment(Qt::AlignRight | Qt::AlignTop);
    layout->addLayout(form);

    m_name = lineEdit(QStringLiteral("sourceName"), tr("e.g. do-prod"), this);
    m_name->setText(source.name);
    m_name->setMaxLength(64);
    m_nameProblem = SettingsField::addRow(form, tr("&Name:"), m_name,
                                          tr("Letters, digits, '-' and '_'; the name in the fleet table and the "
                                             "settings file."));

    m_enabled = new QCheckBox(tr("S&ync this source"), this);
    m_enabled->setObjectName(QStringLiteral("sourceEnabled"));
    m_enabled->setChecked(source.enabled);
    form->addRow(QString(), m_enabled);

    m_interval = lineEdit(QStringLiteral("sourceInterval"), QString(), this);
    if (source.intervalSeconds > 0 && source.intervalSeconds != defaultInterval)
        m_interval->setText(formatDuration(source.intervalSeconds));
    m_intervalProblem = SettingsField::addRow(form, tr("&Interval:"), m_interval,
                                              tr("How often to sync, e.g. 90s, 5m, 1h30m. Empty: the default."));
    setDefaultInterval(defaultInterval);

    if (m_type == DigitalOcean) {
        m_apiUrl = lineEdit(QStringLiteral("sourceApiUrl"), QStringLiteral("https://api.digitalocean.com"), this);
        m_apiUrl->setText(
            shownOption(source, QStringLiteral("api_url"), QStringLiteral("https://api.digitalocean.com")));
        m_apiUrlProblem = SettingsField::addRow(form, tr("API &URL:"), m_apiUrl);
        buildTokenRows(form);
        m_tokenEnv->setText(shownOption(source, QStringLiteral("token_env"), QStringLiteral("DIGITALOCEAN_TOKEN")));
        m_perMinute = lineEdit(QStringLiteral("sourcePerMinute"), QStringLiteral("250"), this);
        m_perMinute->setText(shownOption(source, QStringLiteral("requests_per_minute"), QStringLiteral("250")));
        m_perMinuteProblem = SettingsField::addRow(form, tr("Requests per &minute:"), m_perMinute);
        m_perHour = lineEdit(QStringLiteral("sourcePerHour"), QStringLiteral("5000"), this);
        m_perHour->setText(shownOption(source, QStringLiteral("requests_per_hour"), QStringLiteral("5000")));
        m_perHourProblem = SettingsField::addRow(form, tr("Requests per &hour:"), m_perHour,
                                                 tr("Lower these when other tools share the token; DigitalOcean "
                                                    "allows 250 a minute and 5,000 an hour."));
        m_backfill = lineEdit(QStringLiteral("sourceBackfill"), QStringLiteral("30d"), this);
        m_backfill->setText(shownOption(source, QStringLiteral("backfill"), QStringLiteral("30d")));
        m_backfillProblem = SettingsField::addRow(form, tr("&Backfill:"), m_backfill,
                                                  tr("History fetched on the first sync, from 1h to 30d."));
    } else if (m_type == Prometheus) {
        m_url = lineEdit(QStringLiteral("sourceUrl"), QStringLiteral("http://127.0.0.1:9090"), this);
        m_url->setText(source.options.value(QStringLiteral("url")));
        m_urlProblem = SettingsField::addRow(form, tr("Server &URL:"), m_url,
                                             tr("OpsDeck shows the hosts whose node_exporter metrics this "
                                                "Prometheus has."));
    } else if (m_type == NodeExporter) {
        m_targets = new QPlainTextEdit(this);
        m_targets->setObjectName(QStringLiteral("sourceTargets"));
        m_targets->setPlaceholderText(QStringLiteral("http://10.0.0.5:9100/metrics\nhttp://10.0.0.6:9100/metrics"));
        m_targets->setTabChangesFocus(true);
        m_targets->setFixedHeight(m_targets->fontMetrics().lineSpacing() * 5 + 12);
        m_targets->setPlainText(source.options.value(QStringLiteral("targets"))
                                    .split(QLatin1Char(','), Qt::SkipEmptyParts)
                                    .join(QLatin1Char('\n')));
        m_targetsProblem = SettingsField::addRow(form, tr("&Targets:"), m_targets,
                                                 tr("One node_exporter address per line; a missing path means "
                                                    "/metrics."));
    } else if (m_type == Local) {
        form->addRow(QString(),
                     SettingsField::createNote(tr("CPU, memory and the disk holding / of this machine, "
                                                  "read from /proc."),
                                               this));
    }

    // Test connection: the button, a busy indicator while it runs, and the answer in words.
    auto *testRow = new QHBoxLayout;
    m_testButton = new QPushButton(tr("&Test connection"), this);
    m_testButton->setObjectName(QStringLiteral("sourceTest"));
    m_testButton->setAutoDefault(false);
    m_busy = new QProgressBar(this);
    m_busy->setObjectName(QStringLiteral("sourceTestBusy"));
    m_busy->setRange(0, 0);
    m_busy->setTextVisible(false);
    m_busy->setFixedSize(64, 10);
    m_busy->setAccessibleName(tr("Testing the connection"));
    m_busy->hide();
    testRow->addWidget(m_testButton, 0, Qt::AlignTop);
    testRow->addWidget(m_busy, 0, Qt::AlignVCenter);
    m_testResult = SettingsField::createResultLabel(this, QStringLiteral("sourceTestResult"));
    testRow->addWidget(m_testResult, 1);
    layout->addLayout(testRow);
    layout->addStretch(1);

    connect(m_testButton, &QPushButton::clicked, this, &SettingsSourceEditor::testRequested);
    const auto edited = [this] {
        m_testResult->clear();
        emit changed();
    };
    for (QLineEdit *edit : findChildren<QLineEdit *>())
        connect(edit, &QLineEdit::textChanged, this, edited);
    if (m_targets)
        connect(m_targets, &QPlainTextEdit::textChanged, this, edited);
    connect(m_enabled, &QCheckBox::toggled, this, &SettingsSourceEditor::changed);
    updateTokenNote();
}

void SettingsSourceEditor::buildTokenRows(QFormLayout *form)
{
    m_token = new QLineEdit(this);
    m_token->setObjectName(QStringLiteral("sourceToken"));
    m_token->setEchoMode(QLineEdit::Password);
    m_token->setAccessibleName(tr("Token"));
    m_forgetButton = new QPushButton(tr("&Forget"), this);
    m_forgetButton->setObjectName(QStringLiteral("sourceForgetToken"));
    m_forgetButton->setAutoDefault(false);
    m_forgetButton->setToolTip(tr("Remove the stored token from the system keyring when the settings are saved"));
    auto *tokenRow = new QWidget(this);
    tokenRow->setObjectName(QStringLiteral("sourceTokenRow"));
    auto *rowLayout = new QHBoxLayout(tokenRow);
    rowLayout->setContentsMargins(0, 0, 0, 0);
    rowLayout->addWidget(m_token, 1);
    rowLayout->addWidget(m_forgetButton);
    m_tokenProblem = SettingsField::addRow(form, tr("T&oken:"), tokenRow);
    // The caption's buddy is the row; focus belongs in the field.
    for (QLabel *label : form->parentWidget()->findChildren<QLabel *>()) {
        if (label->buddy() == tokenRow)
            label->setBuddy(m_token);
    }
    tokenRow->setFocusProxy(m_token);
    m_tokenNote = SettingsField::createNote(QString(), this);
    m_tokenNote->setObjectName(QStringLiteral("sourceTokenNote"));
    m_tokenProblem->parentWidget()->layout()->addWidget(m_tokenNote);

    m_tokenEnv = lineEdit(QStringLiteral("sourceTokenEnv"), QStringLiteral("DIGITALOCEAN_TOKEN"), this);
    m_tokenEnvProblem = SettingsField::addRow(form, tr("Token &variable:"), m_tokenEnv,
                                              tr("The environment variable read when no token is stored here (used "
                                                 "by opsdeck --sync too)."));
    connect(m_forgetButton, &QPushButton::clicked, this, [this] {
        m_forget = true;
        m_token->clear();
        updateTokenNote();
        emit changed();
    });
    connect(m_token, &QLineEdit::textChanged, this, [this] {
        m_keyringProblem.clear();
        updateTokenNote();
    });
    connect(m_tokenEnv, &QLineEdit::textChanged, this, [this] { updateTokenNote(); });
}

void SettingsSourceEditor::updateTokenNote()
{
    if (!m_token)
        return;
    const QString env
        = m_tokenEnv->text().trimmed().isEmpty() ? QStringLiteral("DIGITALOCEAN_TOKEN") : m_tokenEnv->text().trimmed();
    const bool unavailable = m_keyringState == KeyringStore::State::Unavailable;
    m_token->setEnabled(!unavailable);
    m_forgetButton->setVisible(hasStoredToken() && !unavailable);
    if (unavailable) {
        m_token->setPlaceholderText(tr("No keyring available"));
        SettingsField::setNote(m_tokenNote,
                               tr("No keyring available: set the environment variable %1 instead.").arg(env));
        return;
    }
    m_token->setPlaceholderText(hasStoredToken() ? tr("Stored — type a new token to replace it")
                                                 : tr("Paste a DigitalOcean API token"));
    QString note;
    if (!m_token->text().isEmpty() || hasStoredToken())
        note = tr("Stored in the system keyring, never in the settings file.");
    else if (m_forget)
        note = tr("The stored token is removed from the system keyring when you save.");
    else if (!qEnvironmentVariableIsEmpty(env.toLocal8Bit().constData()))
        note = tr("No token stored: the token in the environment variable %1 is used.").arg(env);
    else
        note = tr("No token yet: paste one (it is kept in the system keyring), or set the environment variable %1.")
                   .arg(env);
    if (m_keyringState == KeyringStore::State::Unknown && m_token->text().isEmpty() && !hasStoredToken())
        note += QLatin1Char(' ') + tr("(Checking for a system keyring…)");
    SettingsField::setNote(m_tokenNote, note);
}

void SettingsSourceEditor::setKeyringState(KeyringStore::State state)
{
    m_keyringState = state;
    updateTokenNote();
}

QString SettingsSourceEditor::typedToken() const
{
    return m_token ? m_token->text().trimmed() : QString();
}

void SettingsSourceEditor::tokenSaved()
{
    m_originalName = name();
    if (!m_token)
        return;
    if (!typedToken().isEmpty())
        m_storedToken = typedToken();
    else if (m_forget)
        m_storedToken.clear();
    m_forget = false;
    m_token->clear();
    updateTokenNote();
}

void SettingsSourceEditor::setTokenProblem(const QString &problem)
{
    m_keyringProblem = problem;
    if (m_token)
        SettingsField::setProblem(m_token, m_tokenProblem, problem);
}

QString SettingsSourceEditor::name() const
{
    return m_name->text().trimmed();
}

bool SettingsSourceEditor::isEnabled() const
{
    return m_enabled->isChecked();
}

void SettingsSourceEditor::setDefaultInterval(qint64 seconds)
{
    const qint64 shown = m_type == Local ? 60 : seconds;
    m_interval->setPlaceholderText(tr("%1 (the default)").arg(formatDuration(shown)));
}

std::optional<QString> SettingsSourceEditor::check(QLineEdit *field, QLabel *message, const QString &key,
                                                   const QString &label)
{
    const QString text = field->text().trimmed();
    if (text.isEmpty()) {
        SettingsField::setProblem(field, message, QString());
        return QString();
    }
    QString problem;
    const std::optional<QString> value = Config::checkValue(QStringLiteral("source.x"), key, text, &problem, m_type);
    SettingsField::setProblem(field, message, value ? QString() : problem);
    if (!value)
        m_invalidFields << label;
    return value;
}

bool SettingsSourceEditor::validate(const QStringList &otherNames)
{
    m_invalidFields.clear();
    QString problem;
    if (!Config::checkSourceName(name(), &problem)) {
        m_invalidFields << tr("Name");
    } else if (otherNames.contains(name(), Qt::CaseInsensitive)) {
        problem = tr("Another source is already called \"%1\"; each source needs its own name.").arg(name());
        m_invalidFields << tr("Name");
    }
    SettingsField::setProblem(m_name, m_nameProblem, m_invalidFields.isEmpty() ? QString() : problem);

    check(m_interval, m_intervalProblem, QStringLiteral("interval"), tr("Interval"));
    if (m_type == DigitalOcean) {
        check(m_apiUrl, m_apiUrlProblem, QStringLiteral("api_url"), tr("API URL"));
        check(m_tokenEnv, m_tokenEnvProblem, QStringLiteral("token_env"), tr("Token variable"));
        check(m_perMinute, m_perMinuteProblem, QStringLiteral("requests_per_minute"), tr("Requests per minute"));
        check(m_perHour, m_perHourProblem, QStringLiteral("requests_per_hour"), tr("Requests per hour"));
        check(m_backfill, m_backfillProblem, QStringLiteral("backfill"), tr("Backfill"));
        // A token pasted into a field meant for its variable's name: refused unshown, as the loader does.
        const QString token = typedToken();
        if (!token.isEmpty() && token.contains(QRegularExpression(QStringLiteral("\\s")))) {
            SettingsField::setProblem(m_token, m_tokenProblem,
                                      tr("A token has no spaces or line breaks; paste it "
                                         "again."));
            m_invalidFields << tr("Token");
        } else {
            // What the keyring said at the last save stays until the token is edited.
            SettingsField::setProblem(m_token, m_tokenProblem, m_keyringProblem);
        }
    } else if (m_type == Prometheus) {
        if (m_url->text().trimmed().isEmpty()) {
            SettingsField::setProblem(m_url, m_urlProblem,
                                      tr("Required: the Prometheus server, e.g. http://127.0.0.1:9090"));
            m_invalidFields << tr("Server URL");
        } else {
            check(m_url, m_urlProblem, QStringLiteral("url"), tr("Server URL"));
        }
    } else if (m_type == NodeExporter) {
        QString targetsProblem;
        const std::optional<QString> targets = Config::checkValue(QStringLiteral("source.x"), QStringLiteral("targets"),
                                                                  m_targets->toPlainText(), &targetsProblem, m_type);
        SettingsField::setProblem(m_targets, m_targetsProblem, targets ? QString() : targetsProblem);
        if (!targets)
            m_invalidFields << tr("Targets");
    }
    return m_invalidFields.isEmpty();
}

SourceConfig SettingsSourceEditor::source(qint64 defaultInterval) const
{
    SourceConfig s;
    s.name = name();
    s.type = m_type;
    s.enabled = m_enabled->isChecked();
    const auto value = [this](QLineEdit *field, const QString &key, const QString &defaultValue) {
        const QString text = field->text().trimmed();
        if (text.isEmpty())
            return defaultValue;
        return Config::checkValue(QStringLiteral("source.x"), key, text, nullptr, m_type).value_or(defaultValue);
    };
    s.intervalSeconds
        = value(m_interval, QStringLiteral("interval"), QString::number(m_type == Local ? 60 : defaultInterval))
              .toLongLong();
    if (m_type == DigitalOcean) {
        s.options.insert(QStringLiteral("api_url"),
                         value(m_apiUrl, QStringLiteral("api_url"), QStringLiteral("https://api.digitalocean.com")));
        s.options.insert(QStringLiteral("token_env"),
                         value(m_tokenEnv, QStringLiteral("token_env"), QStringLiteral("DIGITALOCEAN_TOKEN")));
        s.options.insert(QStringLiteral("requests_per_minute"),
                         value(m_perMinute, QStringLiteral("requests_per_minute"), QStringLiteral("250")));
        s.options.insert(QStringLiteral("requests_per_hour"),
                         value(m_perHour, QStringLiteral("requests_per_hour"), QStringLiteral("5000")));
        const qint64 backfill = value(m_backfill, QStringLiteral("backfill"), QString::number(30 * 86400)).toLongLong();
        s.options.insert(QStringLiteral("backfill"), formatDuration(backfill));
        s.options.insert(QStringLiteral("backfill_seconds"), QString::number(backfill));
        s.token = typedToken().isEmpty() ? (m_forget ? QString() : m_storedToken) : typedToken();
    } else if (m_type == Prometheus) {
        s.options.insert(QStringLiteral("url"), value(m_url, QStringLiteral("url"), QString()));
    } else if (m_type == NodeExporter) {
        s.options.insert(QStringLiteral("targets"),
                         Config::checkValue(QStringLiteral("source.x"), QStringLiteral("targets"),
                                            m_targets->toPlainText(), nullptr, m_type)
                             .value_or(QString()));
    }
    return s;
}

void SettingsSourceEditor::setLastError(const QString &error)
{
    m_lastError->setVisible(!error.isEmpty());
    if (!error.isEmpty())
        SettingsField::setResult(m_lastError, false, tr("The last sync failed: %1").arg(error));
}

void SettingsSourceEditor::setTestRunning(bool running)
{
    m_busy->setVisible(running);
    m_testButton->setEnabled(!running);
    if (running)
        SettingsField::setNote(m_testResult, tr("Testing…"));
}

void SettingsSourceEditor::setTestResult(bool ok, const QString &message)
{
    setTestRunning(false);
    SettingsField::setResult(m_testResult, ok, message);
}

void SettingsSourceEditor::focusFirstProblem()
{
    for (QLabel *message : findChildren<QLabel *>()) {
        if (message->objectName().endsWith(QLatin1String("Problem")) && !message->isHidden()) {
            if (QWidget *field = message->parentWidget()->findChild<QWidget *>(
                    message->objectName().chopped(int(qstrlen("Problem"))))) {
                field->setFocus(Qt::OtherFocusReason);
                return;
            }
        }
    }
}

void SettingsSourceEditor::focusName()
{
    m_name->setFocus(Qt::OtherFocusReason);
    m_name->selectAll();
}
