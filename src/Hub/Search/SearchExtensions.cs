using Omnichannel.Hub.Search;

// Add…/Map… extensions live in the host's namespace, so Program.cs reads as a plain table of contents.
namespace Microsoft.AspNetCore.Builder;

public static class SearchExtensions
{
    /// <summary>Full-text search behind <see cref="ISearchEngine"/>: SQLite FTS5 here; the PostgreSQL provider registers its own.</summary>
    public static WebApplicationBuilder AddSearch(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<ISearchEngine, SqliteSearchEngine>();
        return builder;
    }

    public static WebApplication MapSearch(this WebApplication app)
    {
        app.MapSearchApi();
        return app;
    }
}
