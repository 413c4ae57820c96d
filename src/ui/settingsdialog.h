#pragma once

#include "config/config.h"

#include <QDialog>
#include <QHash>
#include <QPointer>

class ConnectionTester;
class KeyringStore;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QProgressBar;
class QPushButton;
class QStackedWidget;
class QTabWidget;
class SettingsSourceEditor;

// Settings: the sources (add, edit, remove, test the connection), the default sync interval, and the storage URL
// (with its own connection test) and retention. Every value is checked as the user types, by the config loader's
// own rules (Config::checkValue), with the problem written next to the field; OK and Apply stay disabled while
// anything is refused, and the line beside them says what and where.
//
// Saving (OK or Apply) writes the tokens to the keyring first (a typed token, a forgotten one, a renamed or removed
// source's entry), then the INI through ConfigWriter (comments and layout kept, never a token, mode 0600). Only
// when both succeeded does applied() carry the new Config — with the keyring tokens in memory — so the caller can
// rebuild the sync engine and repository from it without a restart. A failure is shown in the dialog, which
// stays open; nothing half-saved is announced.
class SettingsDialog final : public QDialog
{
    Q_OBJECT
public:
    enum class Page { Sources, Sync, Storage };

    // `current` is the running configuration (with keyring tokens filled in, if loaded); `configPath` the INI to
    // write (created with its folder when missing); `keyring` may be shared with the main window.
    SettingsDialog(const Config &current, const QString &configPath, KeyringStore *keyring, QWidget *parent = nullptr);
    ~SettingsDialog() override;
    Q_DISABLE_COPY_MOVE(SettingsDialog)

    // The configuration as entered; meaningful while isValid().
    Config result() const;
    bool isValid() const { return m_valid; }
    // The last saved configuration (the one given at first).
    Config saved() const { return m_saved; }

    // Opens a page; showSource() selects a source (e.g. one whose sync failed) and focuses its first problem.
    void showPage(Page page);
    void showSource(const QString &name);
    // The last sync error of each source, shown at the top of its editor with the fields to fix beside it.
    void setLastErrors(const QHash<QString, QString> &errors);

    // For tests: the tester behind the "Test connection" buttons.
    ConnectionTester *tester() const { return m_tester; }

public slots:
    // Saves as OK does, without closing. False when something is invalid or a save is already running.
    bool apply();
    void accept() override;

signals:
    // The INI and the keyring were written; `config` is the new configuration, tokens included.
    void applied(const Config &config);

private:
    QWidget *createSourcesPage();
    QWidget *createSyncPage();
    QWidget *createStoragePage();
    void addSource(const QString &type);
    SettingsSourceEditor *addEditor(const SourceConfig &source);
    void removeCurrentSource();
    void updateItem(SettingsSourceEditor *editor);
    void validate();
    void testSource(SettingsSourceEditor *editor);
    void testStorage();
    void onTestFinished(int id, bool ok, const QString &message);
    void save(bool closeAfter);
    void finishSave(bool closeAfter, const Config &config);
    void setSaving(bool saving);
    qint64 defaultInterval() const;
    QString uniqueName(const QString &base) const;
    SettingsSourceEditor *currentEditor() const;

    Config m_saved;
    QString m_configPath;
    QPointer<KeyringStore> m_keyring;
    ConnectionTester *m_tester = nullptr;
    bool m_valid = true;
    bool m_saving = false;
    QStringList m_removedTokenNames; // sources removed in the dialog whose keyring entries go on save

    QTabWidget *m_tabs = nullptr;
    QListWidget *m_sourceList = nullptr;
    QStackedWidget *m_editors = nullptr;
    QWidget *m_noSources = nullptr;
    QPushButton *m_addButton = nullptr;
    QPushButton *m_removeButton = nullptr;
    QLineEdit *m_syncInterval = nullptr;
    QLabel *m_syncIntervalProblem = nullptr;
    QLineEdit *m_storageUrl = nullptr;
    QLabel *m_storageUrlProblem = nullptr;
    QLineEdit *m_retention = nullptr;
    QLabel *m_retentionProblem = nullptr;
    QPushButton *m_storageTest = nullptr;
    QProgressBar *m_storageBusy = nullptr;
    QLabel *m_storageResult = nullptr;
    QLabel *m_summary = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    QHash<int, QPointer<SettingsSourceEditor>> m_sourceTests;
    int m_storageTestId = 0;
};
