using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Omnichannel.Hub.Storage.Migrations
{
    /// <summary>
    /// SQLite FTS5 indexes for search (Search/SqliteSearchEngine): external-content tables over Messages, Notes and
    /// Contacts, kept current by triggers, and filled from what is already stored. SQLite only; PostgreSQL has its own.
    /// </summary>
    public partial class SearchIndex : Migration
    {
        private static readonly (string Table, string Fts, string Columns)[] Indexes =
        [
            ("Messages", "MessagesFts", "Text"),
            ("Notes", "NotesFts", "Text"),
            ("Contacts", "ContactsFts", "DisplayName, Email, Phone, About"),
        ];

        protected override void Up(MigrationBuilder migrationBuilder)
        {
            if (migrationBuilder.ActiveProvider != "Microsoft.EntityFrameworkCore.Sqlite")
                return;
            foreach (var (table, fts, columns) in Indexes)
            {
                var newValues = string.Join(", ", columns.Split(", ").Select(c => "new." + c));
                var oldValues = string.Join(", ", columns.Split(", ").Select(c => "old." + c));
                migrationBuilder.Sql($"CREATE VIRTUAL TABLE {fts} USING fts5({columns}, content='{table}', content_rowid='Id', tokenize='unicode61 remove_diacritics 2');");
                migrationBuilder.Sql($"CREATE TRIGGER {fts}_ai AFTER INSERT ON {table} BEGIN INSERT INTO {fts}(rowid, {columns}) VALUES (new.Id, {newValues}); END;");
                migrationBuilder.Sql($"CREATE TRIGGER {fts}_ad AFTER DELETE ON {table} BEGIN INSERT INTO {fts}({fts}, rowid, {columns}) VALUES ('delete', old.Id, {oldValues}); END;");
                migrationBuilder.Sql($"CREATE TRIGGER {fts}_au AFTER UPDATE OF {columns} ON {table} BEGIN INSERT INTO {fts}({fts}, rowid, {columns}) VALUES ('delete', old.Id, {oldValues}); INSERT INTO {fts}(rowid, {columns}) VALUES (new.Id, {newValues}); END;");
                migrationBuilder.Sql($"INSERT INTO {fts}({fts}) VALUES ('rebuild');");
            }
        }

        protected override void Down(MigrationBuilder migrationBuilder)
        {
            if (migrationBuilder.ActiveProvider != "Microsoft.EntityFrameworkCore.Sqlite")
                return;
            foreach (var (_, fts, _) in Indexes)
            {
                migrationBuilder.Sql($"DROP TRIGGER IF EXISTS {fts}_ai;");
                migrationBuilder.Sql($"DROP TRIGGER IF EXISTS {fts}_ad;");
                migrationBuilder.Sql($"DROP TRIGGER IF EXISTS {fts}_au;");
                migrationBuilder.Sql($"DROP TABLE IF EXISTS {fts};");
            }
        }
    }
}
