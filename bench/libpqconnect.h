#pragma once

#include "config/databaseurl.h"

#include <QByteArray>
#include <QList>
#include <libpq-fe.h>

// A libpq connection to the server a DatabaseUrl names, for the benchmark's references that bypass QtSql (binary
// COPY, PQexecParams). The caller owns the result and checks PQstatus().
inline PGconn *connectLibpq(const DatabaseUrl &url)
{
    QList<QByteArray> keys { "host", "port", "dbname", "user", "connect_timeout" };
    QList<QByteArray> values { url.host.toUtf8(), QByteArray::number(url.port), url.database.toUtf8(),
                               url.user.toUtf8(), "5" };
    if (!url.password.isEmpty()) {
        keys << "password";
        values << url.password.toUtf8();
    }
    for (auto it = url.options.cbegin(); it != url.options.cend(); ++it) {
        keys << it.key().toUtf8();
        values << it.value().toUtf8();
    }
    QList<const char *> k;
    QList<const char *> v;
    for (qsizetype i = 0; i < keys.size(); ++i) {
        k << keys.at(i).constData();
        v << values.at(i).constData();
    }
    k << nullptr;
    v << nullptr;
    return PQconnectdbParams(k.constData(), v.constData(), 0);
}
