namespace Omnichannel.Hub.Storage;

/// <summary>
/// The triggers that keep <see cref="Operators.Operator.LiveLoad"/> and <see cref="Operators.Operator.AsyncLoad"/>: a
/// conversation counts for its operator while it is assigned to them, an offer while it is pending — web chat (and a
/// live offer) on the live counter, every other channel on the async one. Triggers rather than code in each path, so
/// every writer counts: EF Core saves, <c>ExecuteUpdate</c>/<c>ExecuteDelete</c>, cascades and raw SQL alike, in the
/// writer's own transaction. Used by the OperatorLoad migration of each provider. A later SQLite migration that rebuilds
/// either table (EF Core does for some column changes) drops its triggers: it re-creates them (as <see cref="SqliteUp"/>
/// does) and recounts.
/// </summary>
public static class OperatorLoadSql
{
    /// <summary>Sets both counters from what is stored (the migration's starting point; also a repair).</summary>
    public const string Recount = """
        UPDATE "Operators" SET
            "LiveLoad" = (SELECT COUNT(*) FROM "Conversations" c WHERE c."AssignedOperatorId" = "Operators"."Id" AND c."State" = 'Assigned' AND c."Channel" = 'WebChat')
                       + (SELECT COUNT(*) FROM "Offers" f WHERE f."OperatorId" = "Operators"."Id" AND f."State" = 'Pending' AND f."Live"),
            "AsyncLoad" = (SELECT COUNT(*) FROM "Conversations" c WHERE c."AssignedOperatorId" = "Operators"."Id" AND c."State" = 'Assigned' AND c."Channel" <> 'WebChat')
                        + (SELECT COUNT(*) FROM "Offers" f WHERE f."OperatorId" = "Operators"."Id" AND f."State" = 'Pending' AND NOT f."Live");
        """;

    private const string ConversationCounted = "{0}.\"AssignedOperatorId\" IS NOT NULL AND {0}.\"State\" = 'Assigned'";
    private const string ConversationChanged = "old.\"AssignedOperatorId\" IS {0} new.\"AssignedOperatorId\" OR old.\"State\" IS {0} new.\"State\" OR old.\"Channel\" IS {0} new.\"Channel\"";
    private const string OfferChanged = "old.\"OperatorId\" IS {0} new.\"OperatorId\" OR old.\"State\" IS {0} new.\"State\" OR old.\"Live\" IS {0} new.\"Live\"";

    public static IEnumerable<string> SqliteUp()
    {
        static string Conversation(string row, char sign) =>
            $"UPDATE \"Operators\" SET \"LiveLoad\" = \"LiveLoad\" {sign} ({row}.\"Channel\" = 'WebChat'), \"AsyncLoad\" = \"AsyncLoad\" {sign} ({row}.\"Channel\" <> 'WebChat') " +
            $"WHERE \"Id\" = {row}.\"AssignedOperatorId\" AND {row}.\"State\" = 'Assigned';";
        static string Offer(string row, char sign) =>
            $"UPDATE \"Operators\" SET \"LiveLoad\" = \"LiveLoad\" {sign} ({row}.\"Live\" <> 0), \"AsyncLoad\" = \"AsyncLoad\" {sign} ({row}.\"Live\" = 0) " +
            $"WHERE \"Id\" = {row}.\"OperatorId\" AND {row}.\"State\" = 'Pending';";
        yield return $"CREATE TRIGGER \"Conversations_Load_Insert\" AFTER INSERT ON \"Conversations\" WHEN {string.Format(ConversationCounted, "new")} BEGIN {Conversation("new", '+')} END;";
        yield return $"CREATE TRIGGER \"Conversations_Load_Delete\" AFTER DELETE ON \"Conversations\" WHEN {string.Format(ConversationCounted, "old")} BEGIN {Conversation("old", '-')} END;";
        yield return "CREATE TRIGGER \"Conversations_Load_Update\" AFTER UPDATE OF \"AssignedOperatorId\", \"State\", \"Channel\" ON \"Conversations\" " +
            $"WHEN {string.Format(ConversationChanged, "NOT")} BEGIN {Conversation("old", '-')} {Conversation("new", '+')} END;";
        yield return $"CREATE TRIGGER \"Offers_Load_Insert\" AFTER INSERT ON \"Offers\" WHEN new.\"State\" = 'Pending' BEGIN {Offer("new", '+')} END;";
        yield return $"CREATE TRIGGER \"Offers_Load_Delete\" AFTER DELETE ON \"Offers\" WHEN old.\"State\" = 'Pending' BEGIN {Offer("old", '-')} END;";
        yield return "CREATE TRIGGER \"Offers_Load_Update\" AFTER UPDATE OF \"OperatorId\", \"State\", \"Live\" ON \"Offers\" " +
            $"WHEN {string.Format(OfferChanged, "NOT")} BEGIN {Offer("old", '-')} {Offer("new", '+')} END;";
        yield return Recount;
    }

    public static IEnumerable<string> SqliteDown() =>
        from table in new[] { "Conversations", "Offers" }
        from change in new[] { "Insert", "Delete", "Update" }
        select $"DROP TRIGGER IF EXISTS \"{table}_Load_{change}\";";

    public static IEnumerable<string> PostgreSqlUp()
    {
        static string Conversation(string row, char sign) =>
            $"UPDATE \"Operators\" SET \"LiveLoad\" = \"LiveLoad\" {sign} ({row}.\"Channel\" = 'WebChat')::int, \"AsyncLoad\" = \"AsyncLoad\" {sign} ({row}.\"Channel\" <> 'WebChat')::int " +
            $"WHERE \"Id\" = {row}.\"AssignedOperatorId\";";
        static string Offer(string row, char sign) =>
            $"UPDATE \"Operators\" SET \"LiveLoad\" = \"LiveLoad\" {sign} {row}.\"Live\"::int, \"AsyncLoad\" = \"AsyncLoad\" {sign} (NOT {row}.\"Live\")::int WHERE \"Id\" = {row}.\"OperatorId\";";
        yield return $"""
            CREATE FUNCTION operator_load_conversations() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                -- Two operators' rows in id order, so two transfers the opposite way at once cannot deadlock.
                IF TG_OP = 'UPDATE' AND {string.Format(ConversationCounted, "OLD")} AND {string.Format(ConversationCounted, "NEW")}
                    AND NEW."AssignedOperatorId" < OLD."AssignedOperatorId" THEN
                    {Conversation("NEW", '+')} {Conversation("OLD", '-')} RETURN NULL;
                END IF;
                IF TG_OP <> 'INSERT' AND {string.Format(ConversationCounted, "OLD")} THEN {Conversation("OLD", '-')} END IF;
                IF TG_OP <> 'DELETE' AND {string.Format(ConversationCounted, "NEW")} THEN {Conversation("NEW", '+')} END IF;
                RETURN NULL;
            END $$;
            """;
        yield return $"""
            CREATE FUNCTION operator_load_offers() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF TG_OP = 'UPDATE' AND OLD."State" = 'Pending' AND NEW."State" = 'Pending' AND NEW."OperatorId" < OLD."OperatorId" THEN
                    {Offer("NEW", '+')} {Offer("OLD", '-')} RETURN NULL;
                END IF;
                IF TG_OP <> 'INSERT' AND OLD."State" = 'Pending' THEN {Offer("OLD", '-')} END IF;
                IF TG_OP <> 'DELETE' AND NEW."State" = 'Pending' THEN {Offer("NEW", '+')} END IF;
                RETURN NULL;
            END $$;
            """;
        yield return $"CREATE TRIGGER \"Conversations_Load_Insert\" AFTER INSERT ON \"Conversations\" FOR EACH ROW WHEN ({string.Format(ConversationCounted, "NEW")}) EXECUTE FUNCTION operator_load_conversations();";
        yield return $"CREATE TRIGGER \"Conversations_Load_Delete\" AFTER DELETE ON \"Conversations\" FOR EACH ROW WHEN ({string.Format(ConversationCounted, "OLD")}) EXECUTE FUNCTION operator_load_conversations();";
        yield return "CREATE TRIGGER \"Conversations_Load_Update\" AFTER UPDATE OF \"AssignedOperatorId\", \"State\", \"Channel\" ON \"Conversations\" FOR EACH ROW " +
            $"WHEN ({string.Format(ConversationChanged, "DISTINCT FROM").Replace("old.", "OLD.").Replace("new.", "NEW.")}) EXECUTE FUNCTION operator_load_conversations();";
        yield return "CREATE TRIGGER \"Offers_Load_Insert\" AFTER INSERT ON \"Offers\" FOR EACH ROW WHEN (NEW.\"State\" = 'Pending') EXECUTE FUNCTION operator_load_offers();";
        yield return "CREATE TRIGGER \"Offers_Load_Delete\" AFTER DELETE ON \"Offers\" FOR EACH ROW WHEN (OLD.\"State\" = 'Pending') EXECUTE FUNCTION operator_load_offers();";
        yield return "CREATE TRIGGER \"Offers_Load_Update\" AFTER UPDATE OF \"OperatorId\", \"State\", \"Live\" ON \"Offers\" FOR EACH ROW " +
            $"WHEN ({string.Format(OfferChanged, "DISTINCT FROM").Replace("old.", "OLD.").Replace("new.", "NEW.")}) EXECUTE FUNCTION operator_load_offers();";
        yield return Recount;
    }

    public static IEnumerable<string> PostgreSqlDown() =>
        [.. from table in new[] { "Conversations", "Offers" }
            from change in new[] { "Insert", "Delete", "Update" }
            select $"DROP TRIGGER IF EXISTS \"{table}_Load_{change}\" ON \"{table}\";",
         "DROP FUNCTION IF EXISTS operator_load_conversations();", "DROP FUNCTION IF EXISTS operator_load_offers();"];
}
