#include "settingsdialog.h"

#include "config/configwriter.h"
#include "config/databaseurl.h"
#include "config/duration.h"
#include "keyringstore.h"
#include "settingsfield.h"
#include "settingssourceeditor.h"
#include "sources/connectiontester.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QStackedWidget>
#include <QStyle>
#include <QTabWidget>
#include <QVBoxLayout>

namespace {

const QString DigitalOcean = QStringLiteral("digitalocean");

QLineEdit *lineEdit(const QString &objectName, const QString &placeholder, QWidget *parent)
{
    auto *edit = new QLineEdit(parent);
    edit->setObjectName(objectName);
    edit->setPlaceholderText(placeholder);
    edit->setClearButtonEnabled(true);
    return edit;
}

// A run of keyring operations, one after the other; stops at the first failure.
struct KeyringStep
{
    SettingsSourceEditor *editor; // where a failure is shown
    std::function<void(KeyringStore *, QObject *, KeyringStore::DoneCallback)> run;
};

} // namespace

SettingsDialog::SettingsDialog(const Config &current, const QString &configPath, KeyringStore *keyring, QWidget *parent)
    : QDialog(parent)
    , m_saved(current)
    , m_configPath(configPath)
    , m_keyring(keyring)
    , m_tester(new ConnectionTester(this))
{
    setObjectName(QStringLiteral("settingsDialog"));
    setWindowTitle(tr("Settings"));
    setSizeGripEnabled(true);

    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("settingsTabs"));
    m_tabs->setDocumentMode(false);
    m_tabs->addTab(createSourcesPage(), tr("Sources"));
    m_tabs->addTab(createSyncPage(), tr("Sync"));
    m_tabs->addTab(createStoragePage(), tr("Storage"));

    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("settingsSummary"));
    m_summary->setTextFormat(Qt::PlainText);
    m_summary->setWordWrap(true);
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel | QDialogButtonBox::Apply, this);
    m_buttons->setObjectName(QStringLiteral("settingsButtons"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &SettingsDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &SettingsDialog::reject);
    connect(m_buttons->button(QDialogButtonBox::Apply), &QPushButton::clicked, this, &SettingsDialog::apply);

    auto *bottom = new QHBoxLayout;
    bottom->addWidget(m_summary, 1);
    bottom->addWidget(m_buttons, 0, Qt::AlignBottom);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_tabs, 1);
    layout->addLayout(bottom);

    connect(m_tester, &ConnectionTester::finished, this, &SettingsDialog::onTestFinished);
    if (m_keyring) {
        connect(m_keyring, &KeyringStore::stateChanged, this, [this](KeyringStore::State state) {
            for (SettingsSourceEditor *editor : findChildren<SettingsSourceEditor *>())
                editor->setKeyringState(state);
        });
        for (SettingsSourceEditor *editor : findChildren<SettingsSourceEditor *>())
            editor->setKeyringState(m_keyring->state());
        if (m_keyring->state() == KeyringStore::State::Unknown)
            m_keyring->probe();
    } else {
        for (SettingsSourceEditor *editor : findChildren<SettingsSourceEditor *>())
            editor->setKeyringState(KeyringStore::State::Unavailable);
    }
    validate();
    resize(sizeHint().expandedTo(QSize(860, 600)));
    m_sourceList->setFocus(Qt::OtherFocusReason);
}

SettingsDialog::~SettingsDialog() = default;

QWidget *SettingsDialog::createSourcesPage()
{
    auto *page = new QWidget(this);
    page->setObjectName(QStringLiteral("sourcesPage"));

    m_sourceList = new QListWidget(page);
    m_sourceList->setObjectName(QStringLiteral("sourceList"));
    m_sourceList->setAccessibleName(tr("Sources"));
    m_sourceList->setIconSize(QSize(24, 24));
    m_sourceList->setSpacing(2);
    m_sourceList->setMinimumWidth(200);
    m_sourceList->setMaximumWidth(260);

    m_addButton = new QPushButton(tr("&Add"), page);
    m_addButton->setObjectName(QStringLiteral("addSource"));
    m_addButton->setAutoDefault(false);
    auto *menu = new QMenu(m_addButton);
    menu->setObjectName(QStringLiteral("addSourceMenu"));
    for (const QString &type : Config::sourceTypes()) {
        QAction *action
            = menu->addAction(SettingsSourceEditor::typeIcon(type, this), SettingsSourceEditor::typeTitle(type));
        action->setObjectName(QLatin1String("add-") + type);
        connect(action, &QAction::triggered, this, [this, type] { addSource(type); });
    }
    m_addButton->setMenu(menu);
    m_removeButton = new QPushButton(tr("&Remove"), page);
    m_removeButton->setObjectName(QStringLiteral("removeSource"));
    m_removeButton->setAutoDefault(false);
    connect(m_removeButton, &QPushButton::clicked, this, &SettingsDialog::removeCurrentSource);

    auto *listButtons = new QHBoxLayout;
    listButtons->addWidget(m_addButton);
    listButtons->addWidget(m_removeButton);
    listButtons->addStretch(1);
    auto *left = new QVBoxLayout;
    left->addWidget(m_sourceList, 1);
    left->addLayout(listButtons);

    m_editors = new QStackedWidget(page);
    m_editors->setObjectName(QStringLiteral("sourceEditors"));
    m_noSources = new QWidget(m_editors);
    auto *emptyLayout = new QVBoxLayout(m_noSources);
    auto *emptyText = new QLabel(tr("No sources yet. Add one with Add: this machine, a DigitalOcean account, a "
                                    "Prometheus server or node_exporter hosts."),
                                 m_noSources);
    emptyText->setObjectName(QStringLiteral("noSourcesText"));
    emptyText->setWordWrap(true);
    emptyText->setAlignment(Qt::AlignCenter);
    emptyLayout->addStretch(1);
    emptyLayout->addWidget(emptyText);
    emptyLayout->addStretch(1);
    m_editors->addWidget(m_noSources);

    // Long editors (DigitalOcean) scroll rather than growing the dialog off a small screen.
    auto *scroll = new QScrollArea(page);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(m_editors);
    // The page's own background behind the editor, not the scroll area's base colour.
    scroll->viewport()->setAutoFillBackground(false);
    m_editors->setAutoFillBackground(false);

    auto *layout = new QHBoxLayout(page);
    layout->addLayout(left);
    layout->addSpacing(6);
    layout->addWidget(scroll, 1);

    for (const SourceConfig &source : m_saved.sources)
        addEditor(source);
    connect(m_sourceList, &QListWidget::currentRowChanged, this, [this](int row) {
        m_editors->setCurrentIndex(row < 0 ? 0 : row + 1);
        m_removeButton->setEnabled(row >= 0);
    });
    if (m_sourceList->count() > 0)
        m_sourceList->setCurrentRow(0);
    else
        m_removeButton->setEnabled(false);
    return page;
}

QWidget *SettingsDialog::createSyncPage()
{
    auto *page = new QWidget(this);
    page->setObjectName(QStringLiteral("syncPage"));
    auto *form = new QFormLayout(page);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->setLabelAlignment(Qt::AlignRight | Qt::AlignTop);
    m_syncInterval = lineEdit(QStringLiteral("syncInterval"), tr("30m (the default)"), page);
    if (m_saved.syncIntervalSeconds != Config().syncIntervalSeconds)
        m_syncInterval->setText(formatDuration(m_saved.syncIntervalSeconds));
    m_syncIntervalProblem
        = SettingsField::addRow(form, tr("Default &interval:"), m_syncInterval,
                                tr("How often remote sources sync when they have no interval of their own, e.g. "
                                   "15m or 1h. The local machine syncs every minute unless set. Syncs stay within "
                                   "each provider's rate limits whatever the interval."));
    connect(m_syncInterval, &QLineEdit::textChanged, this, [this] {
        const qint64 seconds = defaultInterval();
        for (SettingsSourceEditor *editor : findChildren<SettingsSourceEditor *>())
            editor->setDefaultInterval(seconds);
        validate();
    });
    return page;
}

QWidget *SettingsDialog::createStoragePage()
{
    auto *page = new QWidget(this);
    page->setObjectName(QStringLiteral("storagePage"));
    auto *form = new QFormLayout(page);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->setLabelAlignment(Qt::AlignRight | Qt::AlignTop);

    m_storageUrl = lineEdit(QStringLiteral("storageUrl"), Config::defaultDatabaseUrl(), page);
    m_storageUrl->setText(m_saved.storageUrl);
    m_storageUrlProblem = SettingsField::addRow(
        form, tr("Database &URL:"), m_storageUrl,
        tr("Leave empty for the SQLite file in your data folder. For a cache shared by a team: "
           "postgresql://user@host:5432/db — keep the password in ~/.pgpass rather than in the URL, which is "
           "stored in the settings file."));

    m_storageTest = new QPushButton(tr("&Test connection"), page);
    m_storageTest->setObjectName(QStringLiteral("storageTest"));
    m_storageTest->setAutoDefault(false);
    m_storageBusy = new QProgressBar(page);
    m_storageBusy->setObjectName(QStringLiteral("storageTestBusy"));
    m_storageBusy->setRange(0, 0);
    m_storageBusy->setTextVisible(false);
    m_storageBusy->setFixedSize(64, 10);
    m_storageBusy->setAccessibleName(tr("Testing the connection"));
    m_storageBusy->hide();
    m_storageResult = SettingsField::createResultLabel(page, QStringLiteral("storageTestResult"));
    auto *testRow = new QHBoxLayout;
    testRow->addWidget(m_storageTest, 0, Qt::AlignTop);
    testRow->addWidget(m_storageBusy, 0, Qt::AlignVCenter);
    testRow->addWidget(m_storageResult, 1);
    form->addRow(QString(), testRow);
    connect(m_storageTest, &QPushButton::clicked, this, &SettingsDialog::testStorage);

    m_retention = lineEdit(QStringLiteral("retentionDays"), tr("30 (the default)"), page);
    if (m_saved.retentionDays != Config().retentionDays)
        m_retention->setText(QString::number(m_saved.retentionDays));
    m_retentionProblem = SettingsField::addRow(form, tr("&Retention (days):"), m_retention,
                                               tr("How long raw samples are kept. Hourly and daily summaries are "
                                                  "kept 400 days, so long charts stay complete."));
    form->addRow(QString(),
                 SettingsField::createNote(tr("A new database URL takes effect when you save: OpsDeck "
                                              "opens that cache and syncs into it from then on."),
                                           page));
    connect(m_storageUrl, &QLineEdit::textChanged, this, [this] {
        m_storageResult->clear();
        validate();
    });
    connect(m_retention, &QLineEdit::textChanged, this, &SettingsDialog::validate);
    return page;
}

SettingsSourceEditor *SettingsDialog::addEditor(const SourceConfig &source)
{
    auto *editor = new SettingsSourceEditor(source, defaultInterval(), m_editors);
    m_editors->addWidget(editor);
    auto *item = new QListWidgetItem(m_sourceList);
    item->setData(Qt::UserRole, QVariant::fromValue<QObject *>(editor));
    updateItem(editor);
    if (m_keyring)
        editor->setKeyringState(m_keyring->state());
    else
        editor->setKeyringState(KeyringStore::State::Unavailable);
    connect(editor, &SettingsSourceEditor::changed, this, [this, editor] {
        updateItem(editor);
        validate();
    });
    connect(editor, &SettingsSourceEditor::testRequested, this, [this, editor] { testSource(editor); });
    return editor;
}

void SettingsDialog::updateItem(SettingsSourceEditor *editor)
{
    const int row = m_editors->indexOf(editor) - 1;
    QListWidgetItem *item = m_sourceList->item(row);
    if (!item)
        return;
    const QString name = editor->name().isEmpty() ? tr("(no name)") : editor->name();
    QString detail = SettingsSourceEditor::typeTitle(editor->type());
    if (!editor->isEnabled())
        detail += tr(" · off");
    item->setText(name + QLatin1Char('\n') + detail);
    const bool problem = !editor->invalidFields().isEmpty();
    item->setIcon(problem ? style()->standardIcon(QStyle::SP_MessageBoxWarning)
                          : SettingsSourceEditor::typeIcon(editor->type(), this));
    item->setToolTip(problem ? tr("To fix: %1").arg(editor->invalidFields().join(QLatin1String(", "))) : QString());
    item->setData(
        Qt::AccessibleTextRole,
        problem ? tr("%1, %2, needs attention: %3").arg(name, detail, editor->invalidFields().join(QLatin1String(", ")))
                : tr("%1, %2").arg(name, detail));
    item->setForeground(editor->isEnabled() ? QBrush() : palette().brush(QPalette::Disabled, QPalette::Text));
}

QString SettingsDialog::uniqueName(const QString &base) const
{
    QStringList names;
    for (SettingsSourceEditor *editor : findChildren<SettingsSourceEditor *>())
        names << editor->name().toLower();
    QString name = base;
    for (int n = 2; names.contains(name.toLower()); ++n)
        name = base + QLatin1Char('-') + QString::number(n);
    return name;
}

void SettingsDialog::addSource(const QString &type)
{
    static const QHash<QString, QString> names { { QStringLiteral("local"), QStringLiteral("local") },
                                                 { DigitalOcean, QStringLiteral("do") },
                                                 { QStringLiteral("prometheus"), QStringLiteral("prometheus") },
                                                 { QStringLiteral("node_exporter"), QStringLiteral("nodes") } };
    SourceConfig source;
    source.name = uniqueName(names.value(type, type));
    source.type = type;
    source.intervalSeconds = 0;
    SettingsSourceEditor *editor = addEditor(source);
    m_sourceList->setCurrentRow(m_sourceList->count() - 1);
    validate();
    editor->focusName();
}

void SettingsDialog::removeCurrentSource()
{
    const int row = m_sourceList->currentRow();
    SettingsSourceEditor *editor = currentEditor();
    if (!editor)
        return;
    // Its keyring entry goes when the settings are saved (not before: Cancel keeps everything).
    if (editor->type() == DigitalOcean && !editor->originalName().isEmpty() && !editor->storedToken().isEmpty())
        m_removedTokenNames << editor->originalName();
    delete m_sourceList->takeItem(row);
    m_editors->removeWidget(editor);
    editor->deleteLater();
    editor->setParent(nullptr);
    m_sourceList->setCurrentRow(std::min(row, m_sourceList->count() - 1));
    validate();
}

SettingsSourceEditor *SettingsDialog::currentEditor() const
{
    return qobject_cast<SettingsSourceEditor *>(m_editors->currentWidget());
}

qint64 SettingsDialog::defaultInterval() const
{
    if (!m_syncInterval || m_syncInterval->text().trimmed().isEmpty())
        return Config().syncIntervalSeconds;
    const std::optional<QString> value
        = Config::checkValue(QStringLiteral("sync"), QStringLiteral("interval"), m_syncInterval->text(), nullptr);
    return value ? value->toLongLong() : Config().syncIntervalSeconds;
}

void SettingsDialog::validate()
{
    if (!m_buttons)
        return; // still building
    QStringList problems;
    QList<SettingsSourceEditor *> editors;
    for (int i = 1; i < m_editors->count(); ++i) {
        if (auto *editor = qobject_cast<SettingsSourceEditor *>(m_editors->widget(i)))
            editors << editor;
    }
    bool sourcesOk = true;
    for (SettingsSourceEditor *editor : std::as_const(editors)) {
        QStringList others;
        for (SettingsSourceEditor *other : std::as_const(editors)) {
            if (other != editor)
                others << other->name();
        }
        if (!editor->validate(others)) {
            sourcesOk = false;
            problems << tr("%1 — %2").arg(editor->name().isEmpty() ? tr("(no name)") : editor->name(),
                                          editor->invalidFields().join(QLatin1String(", ")));
        }
        updateItem(editor);
    }

    const auto check = [&problems](QLineEdit *field, QLabel *message, const QString &section, const QString &key,
                                   const QString &where) {
        QString problem;
        const bool ok = field->text().trimmed().isEmpty()
            || Config::checkValue(section, key, field->text(), &problem).has_value();
        SettingsField::setProblem(field, message, ok ? QString() : problem);
        if (!ok)
            problems << where;
        return ok;
    };
    const bool syncOk = check(m_syncInterval, m_syncIntervalProblem, QStringLiteral("sync"), QStringLiteral("interval"),
                              tr("Sync — Default interval"));
    bool storageOk = check(m_storageUrl, m_storageUrlProblem, QStringLiteral("storage"), QStringLiteral("url"),
                           tr("Storage — Database URL"));
    storageOk = check(m_retention, m_retentionProblem, QStringLiteral("storage"), QStringLiteral("retention_days"),
                      tr("Storage — Retention"))
        && storageOk;

    const QIcon warning = style()->standardIcon(QStyle::SP_MessageBoxWarning);
    m_tabs->setTabIcon(0, sourcesOk ? QIcon() : warning);
    m_tabs->setTabIcon(1, syncOk ? QIcon() : warning);
    m_tabs->setTabIcon(2, storageOk ? QIcon() : warning);

    m_valid = problems.isEmpty();
    bool changed = !m_removedTokenNames.isEmpty();
    for (SettingsSourceEditor *editor : std::as_const(editors)) {
        changed = changed || !editor->typedToken().isEmpty() || editor->forgetsToken()
            || (editor->hasStoredToken() && editor->name() != editor->originalName());
    }
    changed = changed || (m_valid && !ConfigWriter::sameSettings(result(), m_saved));
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(m_valid && !m_saving);
    m_buttons->button(QDialogButtonBox::Apply)->setEnabled(m_valid && changed && !m_saving);
    if (m_valid) {
        if (!m_saving)
            m_summary->clear();
    } else {
        SettingsField::setResult(m_summary, false, tr("To save, fix: %1").arg(problems.join(QLatin1String("; "))));
    }
}

Config SettingsDialog::result() const
{
    Config config = m_saved;
    config.filePath = m_configPath;
    config.syncIntervalSeconds = defaultInterval();
    config.storageUrl = m_storageUrl->text().trimmed();
    const std::optional<QString> retention = m_retention->text().trimmed().isEmpty()
        ? std::optional<QString>(QString::number(Config().retentionDays))
        : Config::checkValue(QStringLiteral("storage"), QStringLiteral("retention_days"), m_retention->text(), nullptr);
    config.retentionDays = retention.value_or(QString::number(m_saved.retentionDays)).toInt();
    config.sources.clear();
    for (int i = 1; i < m_editors->count(); ++i) {
        if (auto *editor = qobject_cast<SettingsSourceEditor *>(m_editors->widget(i)))
            config.sources << editor->source(config.syncIntervalSeconds);
    }
    return config;
}

void SettingsDialog::showPage(Page page)
{
    m_tabs->setCurrentIndex(int(page));
}

void SettingsDialog::showSource(const QString &name)
{
    showPage(Page::Sources);
    for (int row = 0; row < m_sourceList->count(); ++row) {
        auto *editor = qobject_cast<SettingsSourceEditor *>(m_editors->widget(row + 1));
        if (editor && editor->name() == name) {
            m_sourceList->setCurrentRow(row);
            editor->focusFirstProblem();
            return;
        }
    }
}

void SettingsDialog::setLastErrors(const QHash<QString, QString> &errors)
{
    for (SettingsSourceEditor *editor : findChildren<SettingsSourceEditor *>())
        editor->setLastError(errors.value(editor->originalName()));
}

void SettingsDialog::testSource(SettingsSourceEditor *editor)
{
    // The values as typed, even before they are saved; an invalid field is named instead of tested.
    QStringList others;
    for (SettingsSourceEditor *other : findChildren<SettingsSourceEditor *>()) {
        if (other != editor)
            others << other->name();
    }
    if (!editor->validate(others)) {
        editor->setTestResult(false, tr("Fix %1 first.").arg(editor->invalidFields().join(QLatin1String(", "))));
        return;
    }
    editor->setTestRunning(true);
    m_sourceTests.insert(m_tester->testSource(editor->source(defaultInterval())), editor);
}

void SettingsDialog::testStorage()
{
    QString problem;
    const QString url = m_storageUrl->text().trimmed();
    if (!url.isEmpty() && !Config::checkValue(QStringLiteral("storage"), QStringLiteral("url"), url, &problem)) {
        SettingsField::setResult(m_storageResult, false, tr("Fix the URL first."));
        return;
    }
    m_storageBusy->show();
    m_storageTest->setEnabled(false);
    SettingsField::setNote(m_storageResult, tr("Testing…"));
    m_storageTestId = m_tester->testStorage(url);
}

void SettingsDialog::onTestFinished(int id, bool ok, const QString &message)
{
    if (id == m_storageTestId) {
        m_storageTestId = 0;
        m_storageBusy->hide();
        m_storageTest->setEnabled(true);
        SettingsField::setResult(m_storageResult, ok, message);
        return;
    }
    if (const QPointer<SettingsSourceEditor> editor = m_sourceTests.take(id))
        editor->setTestResult(ok, message);
}

bool SettingsDialog::apply()
{
    validate();
    if (!m_valid || m_saving)
        return false;
    save(false);
    return true;
}

void SettingsDialog::accept()
{
    validate();
    if (!m_valid || m_saving)
        return;
    save(true);
}

void SettingsDialog::setSaving(bool saving)
{
    m_saving = saving;
    if (saving)
        SettingsField::setNote(m_summary, tr("Saving…"));
    validate();
}

void SettingsDialog::save(bool closeAfter)
{
    const Config config = result();
    // Keyring first: a token that cannot be stored must not leave a saved INI that expects it.
    auto steps = std::make_shared<QList<KeyringStep>>();
    const auto remove = [](const QString &name) {
        return [name](KeyringStore *k, QObject *c, KeyringStore::DoneCallback d) { k->removeToken(name, c, d); };
    };
    const auto write = [](const QString &name, const QString &token) {
        return [name, token](KeyringStore *k, QObject *c, KeyringStore::DoneCallback d) {
            k->writeToken(name, token, c, d);
        };
    };
    for (const QString &name : std::as_const(m_removedTokenNames))
        steps->append({ nullptr, remove(name) });
    QList<KeyringStep> writes;
    for (SettingsSourceEditor *editor : findChildren<SettingsSourceEditor *>()) {
        if (editor->type() != DigitalOcean)
            continue;
        editor->setTokenProblem(QString());
        const QString name = editor->name();
        const QString original = editor->originalName();
        const bool renamed = !original.isEmpty() && original != name;
        if (!editor->typedToken().isEmpty()) {
            writes.append({ editor, write(name, editor->typedToken()) });
            if (renamed && !editor->storedToken().isEmpty())
                steps->append({ editor, remove(original) });
        } else if (editor->forgetsToken()) {
            steps->append({ editor, remove(original.isEmpty() ? name : original) });
        } else if (renamed && editor->hasStoredToken()) {
            steps->append({ editor, remove(original) });
            writes.append({ editor, write(name, editor->storedToken()) });
        }
    }
    steps->append(writes);
    if (!steps->isEmpty() && !m_keyring) {
        SettingsField::setResult(m_summary, false, tr("No keyring to store the token in."));
        return;
    }
    setSaving(true);
    auto next = std::make_shared<std::function<void()>>();
    QPointer<SettingsDialog> self(this);
    *next = [self, steps, next, closeAfter, config] {
        if (!self)
            return;
        if (steps->isEmpty()) {
            const QPointer<SettingsDialog> dialog = self;
            const Config saving = config;
            const bool close = closeAfter;
            *next = nullptr; // ends the self-reference, and with it this closure: only locals from here on
            dialog->finishSave(close, saving);
            return;
        }
        const KeyringStep step = steps->takeFirst();
        step.run(self->m_keyring, self, [self, step, next, steps](bool ok, const QString &error) {
            if (!self)
                return;
            if (ok) {
                (*next)();
                return;
            }
            *next = nullptr;
            steps->clear();
            const QString env = QStringLiteral("DIGITALOCEAN_TOKEN");
            const QString problem = self->m_keyring && self->m_keyring->state() == KeyringStore::State::Unavailable
                ? tr("No keyring available (%1): set the environment variable %2 instead.").arg(error, env)
                : tr("The system keyring refused the change: %1").arg(error);
            if (step.editor)
                step.editor->setTokenProblem(problem);
            self->setSaving(false);
            SettingsField::setResult(self->m_summary, false, tr("Not saved: %1").arg(problem));
        });
    };
    (*next)();
}

void SettingsDialog::finishSave(bool closeAfter, const Config &config)
{
    QString error;
    if (!ConfigWriter::write(config, m_configPath, &error)) {
        setSaving(false);
        SettingsField::setResult(m_summary, false, tr("Not saved: %1").arg(error));
        return;
    }
    for (SettingsSourceEditor *editor : findChildren<SettingsSourceEditor *>())
        editor->tokenSaved();
    m_removedTokenNames.clear();
    m_saved = config;
    setSaving(false);
    SettingsField::setResult(m_summary, true, tr("Saved to %1.").arg(m_configPath));
    emit applied(config);
    if (closeAfter)
        QDialog::accept();
}
