using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Omnichannel.Hub.Storage.Migrations.PostgreSql
{
    /// <summary>
    /// PostgreSQL full text for search (Search/PostgreSqlSearchEngine): the 'omnichannel_search' configuration
    /// ('simple' after 'unaccent') and GIN expression indexes over Messages, Notes and Contacts. No model change:
    /// the indexes are expressions the engine repeats word for word (PostgreSqlSearchText; written out here so this
    /// migration never changes; PostgreSqlSearchIndexTests checks that the engine's queries use them).
    /// </summary>
    [DbContext(typeof(PostgreSqlDb))]
    [Migration("20261129213000_SearchIndex")]
    public partial class SearchIndex : Migration
    {
        private const string Config = "omnichannel_search";

        private static readonly (string Table, string Index, string Text)[] Indexes =
        [
            ("Messages", "IX_Messages_Search", "\"Text\""),
            ("Notes", "IX_Notes_Search", "\"Text\""),
            ("Contacts", "IX_Contacts_Search", "(\"DisplayName\" || ' ' || coalesce(\"Email\", '') || ' ' || coalesce(\"Phone\", '') || ' ' || coalesce(\"About\", ''))"),
        ];

        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("CREATE EXTENSION IF NOT EXISTS unaccent;");
            migrationBuilder.Sql($"""
                DO $$ BEGIN
                  IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = '{Config}') THEN
                    CREATE TEXT SEARCH CONFIGURATION {Config} (COPY = simple);
                    ALTER TEXT SEARCH CONFIGURATION {Config}
                      ALTER MAPPING FOR asciiword, asciihword, hword_asciipart, word, hword, hword_part, numword, numhword, hword_numpart WITH unaccent, simple;
                  END IF;
                END $$;
                """);
            foreach (var (table, index, text) in Indexes)
                migrationBuilder.Sql($"CREATE INDEX \"{index}\" ON \"{table}\" USING GIN (to_tsvector('{Config}'::regconfig, regexp_replace({text}, '[[:punct:]]+', ' ', 'g')));");
        }

        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var (_, index, _) in Indexes)
                migrationBuilder.Sql($"DROP INDEX IF EXISTS \"{index}\";");
            migrationBuilder.Sql($"DROP TEXT SEARCH CONFIGURATION IF EXISTS {Config};");
        }
    }
}
