#pragma once

#include "alerts/alertrule.h"

#include <QSqlDatabase>
#include <QString>

// The thresholds of the Thresholds dialog, kept in the cache's alert_rules table so a team sharing one
// PostgreSQL shares them (schema version 3). [alerts] of the configuration gives the defaults; a default stored
// here (set in the dialog) replaces the configured one for that metric, and the stored overrides (resource, tag,
// kind) apply on top. Everything that evaluates or reports thresholds — the sync engine, replay, the history
// export — resolves rules through load(), so they all agree.
class AlertRuleStore final
{
public:
    explicit AlertRuleStore(QSqlDatabase db);

    // `rules` starts as the configured defaults; the stored defaults and overrides are applied to it. False on a
    // database error (lastError() says which); a cache without the table yet (older schema) is not an error.
    bool load(AlertRuleSet *rules);
    // Replaces every stored default and override with those of `rules`, in one transaction. The caller validates
    // first (AlertRuleSet::validate()); save() refuses an invalid set with the first problem as the error.
    bool save(const AlertRuleSet &rules);

    QString lastError() const { return m_error; }

private:
    QSqlDatabase m_db;
    QString m_error;
};
