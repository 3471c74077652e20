using Omnichannel.Hub.Storage;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

// Add…/Map… extensions live in the host's namespace, so Program.cs reads as a plain table of contents.
namespace Microsoft.AspNetCore.Builder;

public static class StorageExtensions
{
    private static readonly StoredValueGuard Guard = new();

    public static WebApplicationBuilder AddStorage(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(StorageOptions.Section).Get<StorageOptions>() ?? new StorageOptions();
        // Every save stamps the conversation's place in the routing queue (an indexed column, see QueueStamp).
        builder.Services.AddSingleton<Omnichannel.Hub.Routing.QueueStamp>();
        if (options.Provider == StorageProvider.PostgreSql)
        {
            builder.Services.AddDbContextPool<OmnichannelDb, PostgreSqlDb>((sp, db) => db.UseNpgsql(options.ConnectionString, npgsql => npgsql.UseParameterizedCollectionMode(ListsAs))
                .AddInterceptors(sp.GetRequiredService<Omnichannel.Hub.Routing.QueueStamp>(), Guard));
            builder.Services.AddSingleton(new WalFile(null));
        }
        else
            AddSqlite(builder, options);
        builder.Services.AddSingleton<CommitSync>(); // the inbound writer's callers are answered once its commits are on the disk
        builder.Services.AddSingleton<Omnichannel.Adapters.Abstractions.IChannelCursorStore, ChannelCursorStore>();
        builder.Services.AddSingleton<WriteTurns>(); // the inbound writer and the handled-event deletes take turns on SQLite's write lock
        builder.Services.AddExceptionHandler<StoredValueRefusedHandler>();
        builder.Services.AddDataProtection()
            .SetApplicationName("Omnichannel")
            .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(builder.Environment.ContentRootPath, options.KeysDirectory)));
        return builder;
    }

    /// <summary>Applies the provider's migrations (and switches SQLite to WAL) before the hub serves anything.</summary>
    public static async Task MigrateStorageAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OmnichannelDb>();
        await db.Database.MigrateAsync();
        if (db.Database.IsSqlite())
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
    }

    /// <summary>A list in a query (<c>ids.Contains(x.Id)</c>) is one parameter — a JSON array on SQLite, an array on
    /// PostgreSQL — not a parameter per element (EF Core 10's default): the SQL is then the same for every length and built
    /// once, where per element it was built again on every execution (the inbound writer's group queries: 15 % of the
    /// hub's allocations at 1,000 web chats/s), and no list can exceed SQLite's limit on parameters.</summary>
    private const ParameterTranslationMode ListsAs = ParameterTranslationMode.Parameter;

    /// <summary>The embedded default: one SQLite file, tuned and checkpointed in the background.</summary>
    private static void AddSqlite(WebApplicationBuilder builder, StorageOptions options)
    {
        var connectionString = PrepareSqlite(options.ConnectionString, builder.Environment.ContentRootPath);
        builder.Services.AddDbContextPool<OmnichannelDb>((sp, db) => db.UseSqlite(connectionString, sqlite => sqlite.UseParameterizedCollectionMode(ListsAs))
            .AddInterceptors(new SqliteTuning(options.Synchronous), sp.GetRequiredService<Omnichannel.Hub.Routing.QueueStamp>(), Guard));
        var wal = WalFile.Of(connectionString);
        builder.Services.AddSingleton(wal);
        builder.Services.AddHostedService(services => new SqliteCheckpointer(connectionString, wal, services.GetRequiredService<ILogger<SqliteCheckpointer>>()));
    }

    /// <summary>Makes a relative database path relative to the content root and creates its folder.</summary>
    private static string PrepareSqlite(string connectionString, string contentRoot)
    {
        var csb = new SqliteConnectionStringBuilder(connectionString);
        if (csb.DataSource is { Length: > 0 } source && source != ":memory:" && csb.Mode != SqliteOpenMode.Memory)
        {
            var path = Path.IsPathRooted(source) ? source : Path.Combine(contentRoot, source);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            csb.DataSource = path;
        }
        csb.Pooling = true;
        csb.DefaultTimeout = 30;
        return csb.ToString();
    }
}
