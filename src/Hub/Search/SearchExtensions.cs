using Omnichannel.Hub.Search;
using Omnichannel.Hub.Storage;

// Add…/Map… extensions live in the host's namespace, so Program.cs reads as a plain table of contents.
namespace Microsoft.AspNetCore.Builder;

public static class SearchExtensions
{
    /// <summary>Full-text search behind <see cref="ISearchEngine"/>: SQLite FTS5 or PostgreSQL full text, following the storage provider.</summary>
    public static WebApplicationBuilder AddSearch(this WebApplicationBuilder builder)
    {
        var storage = builder.Configuration.GetSection(StorageOptions.Section).Get<StorageOptions>() ?? new StorageOptions();
        if (storage.Provider == StorageProvider.PostgreSql)
            builder.Services.AddScoped<ISearchEngine, PostgreSqlSearchEngine>();
        else
            builder.Services.AddScoped<ISearchEngine, SqliteSearchEngine>();
        return builder;
    }

    public static WebApplication MapSearch(this WebApplication app)
    {
        app.MapSearchApi();
        return app;
    }
}
