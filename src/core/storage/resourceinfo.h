#pragma once

#include <QString>
#include <QStringList>

// What a source knows about one monitored thing (a host, droplet, database or app), apart from its samples.
struct ResourceInfo
{
    QString externalId; // stable id within its source (droplet id, machine id, instance…)
    QString name;
    QString kind; // host | droplet | database | app
    QString region;
    QString status;
    QStringList tags;
    int vcpus = 0;
    qint64 memoryMb = 0;
    qint64 diskGb = 0;
};
