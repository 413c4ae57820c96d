<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de">
<context>
    <name>FleetTableModel</name>
    <message>
        <location filename="../src/ui/fleettablemodel.cpp" line="51"/>
        <source>%1 GB</source>
        <translation>%1 GB</translation>
    </message>
    <message>
        <location filename="../src/ui/fleettablemodel.cpp" line="52"/>
        <source>%1 MB</source>
        <translation>%1 MB</translation>
    </message>
    <message>
        <location filename="../src/ui/fleettablemodel.cpp" line="206"/>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <location filename="../src/ui/fleettablemodel.cpp" line="212"/>
        <source>Host</source>
        <translation>Host</translation>
    </message>
    <message>
        <location filename="../src/ui/fleettablemodel.cpp" line="214"/>
        <source>Droplet</source>
        <translation>Droplet</translation>
    </message>
    <message>
        <location filename="../src/ui/fleettablemodel.cpp" line="216"/>
        <location filename="../src/ui/mainwindow.cpp" line="181"/>
        <source>Database</source>
        <translation>Datenbank</translation>
    </message>
    <message>
        <location filename="../src/ui/fleettablemodel.cpp" line="218"/>
        <source>App</source>
        <translation>App</translation>
    </message>
    <message>
        <location filename="../src/ui/fleettablemodel.cpp" line="250"/>
        <source>never</source>
        <translation>nie</translation>
    </message>
    <message>
        <location filename="../src/ui/fleettablemodel.cpp" line="277"/>
        <location filename="../src/ui/fleettablemodel.cpp" line="282"/>
        <source>No readings yet</source>
        <translation>Noch keine Messwerte</translation>
    </message>
    <message>
        <location filename="../src/ui/fleettablemodel.cpp" line="281"/>
        <source>Stale: updated %1</source>
        <translation>Veraltet: aktualisiert %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../src/ui/fleettablemodel.cpp" line="287"/>
        <source>%n vCPU</source>
        <translation>
            <numerusform>%n vCPU</numerusform>
            <numerusform>%n vCPUs</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/ui/fleettablemodel.cpp" line="289"/>
        <source>%1 memory</source>
        <translation>%1 Arbeitsspeicher</translation>
    </message>
    <message>
        <location filename="../src/ui/fleettablemodel.cpp" line="291"/>
        <source>%1 disk</source>
        <translation>%1 Festplatte</translation>
    </message>
    <message>
        <location filename="../src/ui/fleettablemodel.cpp" line="295"/>
        <source>Tags: %1</source>
        <translation>Tags: %1</translation>
    </message>
    <message>
        <location filename="../src/ui/fleettablemodel.cpp" line="302"/>
        <source>Critical: at or above %1 %</source>
        <translation>Kritisch: ab %1 %</translation>
    </message>
    <message>
        <location filename="../src/ui/fleettablemodel.cpp" line="305"/>
        <source>Warning: at or above %1 %</source>
        <translation>Warnung: ab %1 %</translation>
    </message>
    <message>
        <location filename="../src/ui/fleettablemodel.cpp" line="360"/>
        <source>critical</source>
        <translation>kritisch</translation>
    </message>
    <message>
        <location filename="../src/ui/fleettablemodel.cpp" line="362"/>
        <source>warning</source>
        <translation>Warnung</translation>
    </message>
    <message>
        <location filename="../src/ui/fleettablemodel.cpp" line="364"/>
        <source>stale</source>
        <translation>veraltet</translation>
    </message>
    <message>
        <location filename="../src/ui/fleettablemodel.cpp" line="392"/>
        <source>Latest reading; warning at %1 %, critical at %2 %</source>
        <translation>Letzter Messwert; Warnung ab %1 %, kritisch ab %2 %</translation>
    </message>
    <message>
        <location filename="../src/ui/fleettablemodel.cpp" line="396"/>
        <source>Age of the newest reading</source>
        <translation>Alter des neuesten Messwerts</translation>
    </message>
    <message>
        <location filename="../src/ui/fleettablemodel.cpp" line="403"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../src/ui/fleettablemodel.cpp" line="405"/>
        <source>Kind</source>
        <translation>Typ</translation>
    </message>
    <message>
        <location filename="../src/ui/fleettablemodel.cpp" line="407"/>
        <source>Source</source>
        <translation>Quelle</translation>
    </message>
    <message>
        <location filename="../src/ui/fleettablemodel.cpp" line="409"/>
        <source>Region</source>
        <translation>Region</translation>
    </message>
    <message>
        <location filename="../src/ui/fleettablemodel.cpp" line="411"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../src/ui/fleettablemodel.cpp" line="413"/>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <location filename="../src/ui/fleettablemodel.cpp" line="415"/>
        <source>Memory</source>
        <translation>Arbeitsspeicher</translation>
    </message>
    <message>
        <location filename="../src/ui/fleettablemodel.cpp" line="417"/>
        <source>Disk</source>
        <translation>Festplatte</translation>
    </message>
    <message>
        <location filename="../src/ui/fleettablemodel.cpp" line="419"/>
        <source>Last updated</source>
        <translation>Aktualisiert</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../src/ui/mainwindow.cpp" line="52"/>
        <source>OpsDeck</source>
        <translation>OpsDeck</translation>
    </message>
    <message>
        <location filename="../src/ui/mainwindow.cpp" line="94"/>
        <source>Sync now</source>
        <translation>Jetzt synchronisieren</translation>
    </message>
    <message>
        <location filename="../src/ui/mainwindow.cpp" line="97"/>
        <source>Sync all enabled sources now (Ctrl+R, F5)</source>
        <translation>Alle aktivierten Quellen jetzt synchronisieren (Strg+R, F5)</translation>
    </message>
    <message>
        <location filename="../src/ui/mainwindow.cpp" line="101"/>
        <source>Filter</source>
        <translation>Filtern</translation>
    </message>
    <message>
        <location filename="../src/ui/mainwindow.cpp" line="109"/>
        <source>Quit</source>
        <translation>Beenden</translation>
    </message>
    <message>
        <location filename="../src/ui/mainwindow.cpp" line="117"/>
        <source>Main Toolbar</source>
        <translation>Hauptwerkzeugleiste</translation>
    </message>
    <message>
        <location filename="../src/ui/mainwindow.cpp" line="131"/>
        <source>Filter resources…</source>
        <translation>Ressourcen filtern…</translation>
    </message>
    <message>
        <location filename="../src/ui/mainwindow.cpp" line="132"/>
        <source>Filter resources</source>
        <translation>Ressourcen filtern</translation>
    </message>
    <message>
        <location filename="../src/ui/mainwindow.cpp" line="133"/>
        <source>Show only resources whose name, kind, source, region, status or tags contain every word typed (Ctrl+F)</source>
        <translation>Nur Ressourcen anzeigen, deren Name, Typ, Quelle, Region, Status oder Tags jedes eingegebene Wort enthalten (Strg+F)</translation>
    </message>
    <message>
        <location filename="../src/ui/mainwindow.cpp" line="154"/>
        <source>Fleet</source>
        <translation>Ressourcen</translation>
    </message>
    <message>
        <location filename="../src/ui/mainwindow.cpp" line="155"/>
        <source>Resources with their latest CPU, memory and disk readings</source>
        <translation>Ressourcen mit ihren neuesten Messwerten für CPU, Arbeitsspeicher und Festplatte</translation>
    </message>
    <message>
        <location filename="../src/ui/mainwindow.cpp" line="211"/>
        <source>Sync in progress</source>
        <translation>Synchronisierung läuft</translation>
    </message>
    <message>
        <location filename="../src/ui/mainwindow.cpp" line="220"/>
        <source>Sync status</source>
        <translation>Synchronisierungsstatus</translation>
    </message>
    <message>
        <location filename="../src/ui/mainwindow.cpp" line="225"/>
        <source>Last sync error</source>
        <translation>Letzter Synchronisierungsfehler</translation>
    </message>
    <message>
        <location filename="../src/ui/mainwindow.cpp" line="374"/>
        <source>Cannot sync: %1</source>
        <translation>Synchronisierung nicht möglich: %1</translation>
    </message>
    <message>
        <location filename="../src/ui/mainwindow.cpp" line="378"/>
        <source>source &apos;%1&apos; failed</source>
        <translation>Quelle „%1“ fehlgeschlagen</translation>
    </message>
    <message>
        <location filename="../src/ui/mainwindow.cpp" line="379"/>
        <location filename="../src/ui/mainwindow.cpp" line="383"/>
        <source>Last sync failed: %1</source>
        <translation>Letzte Synchronisierung fehlgeschlagen: %1</translation>
    </message>
    <message>
        <location filename="../src/ui/mainwindow.cpp" line="391"/>
        <source>Reading the cache…</source>
        <translation>Cache wird gelesen…</translation>
    </message>
    <message>
        <location filename="../src/ui/mainwindow.cpp" line="393"/>
        <source>Syncing %1…</source>
        <translation>%1 wird synchronisiert…</translation>
    </message>
    <message>
        <location filename="../src/ui/mainwindow.cpp" line="395"/>
        <source>Starting sync…</source>
        <translation>Synchronisierung wird gestartet…</translation>
    </message>
    <message>
        <location filename="../src/ui/mainwindow.cpp" line="399"/>
        <source>Last sync %1</source>
        <translation>Zuletzt synchronisiert %1</translation>
    </message>
    <message>
        <location filename="../src/ui/mainwindow.cpp" line="399"/>
        <source>Not synced yet</source>
        <translation>Noch nicht synchronisiert</translation>
    </message>
    <message>
        <location filename="../src/ui/mainwindow.cpp" line="404"/>
        <source>%1 of %2 resources</source>
        <translation>%1 von %2 Ressourcen</translation>
    </message>
    <message>
        <location filename="../src/ui/mainwindow.cpp" line="406"/>
        <source>1 resource</source>
        <translation>1 Ressource</translation>
    </message>
    <message numerus="yes">
        <location filename="../src/ui/mainwindow.cpp" line="406"/>
        <source>%n resources</source>
        <translation>
            <numerusform>%n Ressource</numerusform>
            <numerusform>%n Ressourcen</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/ui/mainwindow.cpp" line="413"/>
        <source>No source is enabled in %1</source>
        <translation>In %1 ist keine Quelle aktiviert</translation>
    </message>
    <message>
        <location filename="../src/ui/mainwindow.cpp" line="415"/>
        <source>Cannot read the cache: %1</source>
        <translation>Cache kann nicht gelesen werden: %1</translation>
    </message>
    <message>
        <location filename="../src/ui/mainwindow.cpp" line="428"/>
        <source>OpsDeck cannot read its cache:
%1</source>
        <translation>OpsDeck kann seinen Cache nicht lesen:
%1</translation>
    </message>
    <message>
        <location filename="../src/ui/mainwindow.cpp" line="430"/>
        <source>%1

Check the source settings in %2, then press Sync now (F5).</source>
        <translation>%1

Prüfen Sie die Einstellungen der Quellen in %2 und wählen Sie dann „Jetzt synchronisieren“ (F5).</translation>
    </message>
    <message>
        <location filename="../src/ui/mainwindow.cpp" line="432"/>
        <source>No source is enabled, so there is nothing to collect.

Add a [source.NAME] section to %1 and restart OpsDeck.</source>
        <translation>Es ist keine Quelle aktiviert, daher gibt es nichts zu erfassen.

Fügen Sie in %1 einen Abschnitt [source.NAME] hinzu und starten Sie OpsDeck neu.</translation>
    </message>
    <message>
        <location filename="../src/ui/mainwindow.cpp" line="439"/>
        <source>Collecting the first readings of this machine…</source>
        <translation>Erste Messwerte dieses Rechners werden erfasst…</translation>
    </message>
    <message>
        <location filename="../src/ui/mainwindow.cpp" line="440"/>
        <source>Collecting the first readings from your sources…</source>
        <translation>Erste Messwerte Ihrer Quellen werden erfasst…</translation>
    </message>
    <message>
        <location filename="../src/ui/mainwindow.cpp" line="443"/>
        <source>No resources match “%1”.</source>
        <translation>Keine Ressource passt zu „%1“.</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <location filename="../src/app/main.cpp" line="44"/>
        <source>OpsDeck cannot start</source>
        <translation>OpsDeck kann nicht starten</translation>
    </message>
</context>
<context>
    <name>RelativeTime</name>
    <message>
        <location filename="../src/ui/relativetime.cpp" line="12"/>
        <source>just now</source>
        <translation>gerade eben</translation>
    </message>
    <message numerus="yes">
        <location filename="../src/ui/relativetime.cpp" line="15"/>
        <source>%n min ago</source>
        <translation>
            <numerusform>vor %n Min.</numerusform>
            <numerusform>vor %n Min.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../src/ui/relativetime.cpp" line="17"/>
        <source>%n h ago</source>
        <translation>
            <numerusform>vor %n Std.</numerusform>
            <numerusform>vor %n Std.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/ui/relativetime.cpp" line="20"/>
        <source>1 day ago</source>
        <translation>vor 1 Tag</translation>
    </message>
    <message numerus="yes">
        <location filename="../src/ui/relativetime.cpp" line="20"/>
        <source>%n days ago</source>
        <translation>
            <numerusform>vor %n Tag</numerusform>
            <numerusform>vor %n Tagen</numerusform>
        </translation>
    </message>
</context>
</TS>
