using Omnichannel.Hub.Contacts;

// Add…/Map… extensions live in the host's namespace, so Program.cs reads as a plain table of contents.
namespace Microsoft.AspNetCore.Builder;

public static class ContactsExtensions
{
    /// <summary>Contacts: the customer panel, editing, search, reversible merges and merge suggestions, GDPR export and erase.</summary>
    public static WebApplicationBuilder AddContacts(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<ContactProfiles>();
        builder.Services.AddScoped<ContactMerger>();
        builder.Services.AddScoped<ContactEraser>();
        return builder;
    }

    public static WebApplication MapContacts(this WebApplication app)
    {
        app.MapContactsApi();
        app.MapContactPrivacyApi();
        return app;
    }
}
