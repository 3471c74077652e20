using Omnichannel.Hub.Notes;

// Add…/Map… extensions live in the host's namespace, so Program.cs reads as a plain table of contents.
namespace Microsoft.AspNetCore.Builder;

public static class NotesExtensions
{
    /// <summary>Internal notes with @mentions: stored apart from messages, so no sender ever sees them.</summary>
    public static WebApplicationBuilder AddNotes(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<NotesOptions>().BindConfiguration(NotesOptions.Section);
        return builder;
    }

    public static WebApplication MapNotes(this WebApplication app)
    {
        app.MapNotesApi();
        return app;
    }
}
