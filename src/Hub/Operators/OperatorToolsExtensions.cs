// Add…/Map… extensions live in the host's namespace, so Program.cs reads as a plain table of contents.
namespace Microsoft.AspNetCore.Builder;

/// <summary>
/// The operator's daily tools, each in its own feature folder: internal notes, canned responses, labels, contacts
/// (customer panel, merges) and search. One entry in Program.cs for the lot.
/// </summary>
public static class OperatorToolsExtensions
{
    public static WebApplicationBuilder AddOperatorTools(this WebApplicationBuilder builder) =>
        builder.AddNotes().AddCannedResponses().AddLabels().AddContacts().AddSearch();

    public static WebApplication MapOperatorTools(this WebApplication app) =>
        app.MapNotes().MapCannedResponses().MapLabels().MapContacts().MapSearch();
}
