#pragma once

#include "config/config.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QString>
#include <functional>
#include <memory>

// Where a secret is kept: an asynchronous key/value store. The desktop app uses the system keyring through
// QtKeychain (QtKeychainBackend); tests use MemoryKeyringBackend.
class KeyringBackend
{
public:
    enum class Status {
        Ok,
        NotFound, // the keyring answered: no such entry
        NoKeyring, // no keyring service answers (no Secret Service / KWallet, no D-Bus session)
        Failed, // the keyring answered with an error (access denied, locked and not unlocked, …)
    };
    struct Reply
    {
        Status status = Status::Failed;
        QString value; // read: the secret
        QString error; // what went wrong, never containing the secret
    };
    using Callback = std::function<void(const Reply &)>;

    virtual ~KeyringBackend() = default;
    // Each calls `done` exactly once, later, on the thread that called.
    virtual void read(const QString &key, Callback done) = 0;
    virtual void write(const QString &key, const QString &value, Callback done) = 0;
    virtual void remove(const QString &key, Callback done) = 0;
};

// The system keyring (Secret Service, KWallet) through QtKeychain, service "opsdeck". QtKeychain's plain-text
// fallback stays off: without a keyring nothing is stored. A job that gets no answer within timeoutMs counts as
// "no keyring" (a Secret Service that never unlocks must not leave the app waiting).
class QtKeychainBackend final : public KeyringBackend
{
public:
    explicit QtKeychainBackend(QString service = QStringLiteral("opsdeck"), int timeoutMs = 15000);
    void read(const QString &key, Callback done) override;
    void write(const QString &key, const QString &value, Callback done) override;
    void remove(const QString &key, Callback done) override;

private:
    QString m_service;
    int m_timeoutMs;
};

// In memory, for tests: answers on the next event-loop turn, or "no keyring" when made unavailable.
class MemoryKeyringBackend final : public KeyringBackend
{
public:
    void read(const QString &key, Callback done) override;
    void write(const QString &key, const QString &value, Callback done) override;
    void remove(const QString &key, Callback done) override;

    void setAvailable(bool available) { m_available = available; }
    QHash<QString, QString> entries() const { return m_entries; }
    void setEntry(const QString &key, const QString &value) { m_entries.insert(key, value); }

private:
    void answer(Callback done, const Reply &reply);
    bool m_available = true;
    QHash<QString, QString> m_entries;
};

// The tokens of DigitalOcean sources in the system keyring, one entry per source (key "source.NAME.token"), and
// whether a keyring is there at all. Every call is asynchronous; callbacks run on the GUI thread and are dropped
// when their context object is gone.
//
// Start-up (wired by the main window):
//     keyring->loadTokens(config, this, [this](const Config &withTokens) { … start syncing with withTokens … });
// loadTokens always calls back, with SourceConfig::token filled for each DigitalOcean source that has an entry and
// left empty otherwise (the source then falls back to its token_env variable). Without a keyring it calls back
// at once, with state() Unavailable.
class KeyringStore final : public QObject
{
    Q_OBJECT
public:
    enum class State { Unknown, Available, Unavailable };

    // Takes the backend; nullptr means the system keyring (QtKeychainBackend).
    explicit KeyringStore(std::unique_ptr<KeyringBackend> backend = nullptr, QObject *parent = nullptr);
    ~KeyringStore() override;
    Q_DISABLE_COPY_MOVE(KeyringStore)

    State state() const { return m_state; }
    // Why the keyring is unavailable, in the backend's words (empty otherwise).
    QString unavailableReason() const { return m_reason; }
    static QString tokenKey(const QString &sourceName);

    using ReadCallback = std::function<void(bool found, const QString &token, const QString &error)>;
    using DoneCallback = std::function<void(bool ok, const QString &error)>;
    void readToken(const QString &sourceName, QObject *context, ReadCallback done);
    void writeToken(const QString &sourceName, const QString &token, QObject *context, DoneCallback done);
    // Removing an entry that is not there succeeds.
    void removeToken(const QString &sourceName, QObject *context, DoneCallback done);

    // Fills SourceConfig::token of each DigitalOcean source from the keyring; see the class comment.
    void loadTokens(const Config &config, QObject *context, std::function<void(const Config &)> done);

    // Asks the keyring once (a read of an entry nobody writes), so state() is known before a token is needed.
    void probe();

signals:
    void stateChanged(KeyringStore::State state);

private:
    void note(const KeyringBackend::Reply &reply);

    std::unique_ptr<KeyringBackend> m_backend;
    State m_state = State::Unknown;
    QString m_reason;
};
