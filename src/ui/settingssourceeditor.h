#pragma once

#include "config/config.h"
#include "keyringstore.h"

#include <QWidget>

class QCheckBox;
class QIcon;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;

// The Settings dialog's editor of one [source.NAME]: name, enabled, interval and the fields of its type, each
// checked by the same rule as the config loader (Config::checkValue) with the problem written under the field, a
// "Test connection" button with a busy indicator and the answer beside it. A DigitalOcean source also has its
// token, kept in the system keyring (never in the INI), or — without a keyring — a note naming the environment
// variable to set instead.
//
// An empty optional field means "the default", shown as its placeholder; an empty interval follows the [sync]
// default (1m for the local source).
class SettingsSourceEditor final : public QWidget
{
    Q_OBJECT
public:
    SettingsSourceEditor(const SourceConfig &source, qint64 defaultInterval, QWidget *parent = nullptr);
    Q_DISABLE_COPY_MOVE(SettingsSourceEditor)

    // "Local machine", "DigitalOcean", "Prometheus", "node_exporter"; an icon for each.
    static QString typeTitle(const QString &type);
    static QIcon typeIcon(const QString &type, const QWidget *widget);

    QString name() const;
    QString type() const { return m_type; }
    // The name it had in the file ("" for a new source): its keyring entry is under that name.
    QString originalName() const { return m_originalName; }
    bool isEnabled() const;

    // Checks every field and shows the problems; `otherNames` are the other sources' names (a name is unique).
    bool validate(const QStringList &otherNames);
    // "Name", "Interval", … of the fields with a problem after the last validate().
    QStringList invalidFields() const { return m_invalidFields; }
    // The source as entered (call after a successful validate()); token = the typed or the kept token.
    SourceConfig source(qint64 defaultInterval) const;
    void setDefaultInterval(qint64 seconds);

    // Token state (DigitalOcean only).
    void setKeyringState(KeyringStore::State state);
    QString typedToken() const;
    bool hasStoredToken() const { return !m_storedToken.isEmpty() && !m_forget; }
    bool forgetsToken() const { return m_forget && !m_storedToken.isEmpty(); }
    QString storedToken() const { return m_storedToken; }
    // After a save: what was typed is now the stored token.
    void tokenSaved();
    void setTokenProblem(const QString &problem);

    void setLastError(const QString &error);
    void setTestRunning(bool running);
    void setTestResult(bool ok, const QString &message);
    void focusFirstProblem();
    void focusName();

signals:
    void changed();
    void testRequested();

private:
    void buildTokenRows(class QFormLayout *form);
    void updateTokenNote();
    std::optional<QString> check(QLineEdit *field, QLabel *message, const QString &key, const QString &label);

    QString m_type;
    QString m_originalName;
    QString m_storedToken;
    bool m_forget = false;
    QString m_keyringProblem; // the keyring's refusal at the last save
    KeyringStore::State m_keyringState = KeyringStore::State::Unknown;
    QStringList m_invalidFields;

    QLabel *m_lastError = nullptr;
    QLineEdit *m_name = nullptr;
    QLabel *m_nameProblem = nullptr;
    QCheckBox *m_enabled = nullptr;
    QLineEdit *m_interval = nullptr;
    QLabel *m_intervalProblem = nullptr;
    // digitalocean
    QLineEdit *m_apiUrl = nullptr;
    QLabel *m_apiUrlProblem = nullptr;
    QLineEdit *m_token = nullptr;
    QLabel *m_tokenProblem = nullptr;
    QPushButton *m_forgetButton = nullptr;
    QLabel *m_tokenNote = nullptr;
    QLineEdit *m_tokenEnv = nullptr;
    QLabel *m_tokenEnvProblem = nullptr;
    QLineEdit *m_perMinute = nullptr;
    QLabel *m_perMinuteProblem = nullptr;
    QLineEdit *m_perHour = nullptr;
    QLabel *m_perHourProblem = nullptr;
    QLineEdit *m_backfill = nullptr;
    QLabel *m_backfillProblem = nullptr;
    // prometheus
    QLineEdit *m_url = nullptr;
    QLabel *m_urlProblem = nullptr;
    // node_exporter
    QPlainTextEdit *m_targets = nullptr;
    QLabel *m_targetsProblem = nullptr;

    QPushButton *m_testButton = nullptr;
    QProgressBar *m_busy = nullptr;
    QLabel *m_testResult = nullptr;
};
