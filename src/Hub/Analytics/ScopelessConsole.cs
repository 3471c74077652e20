using Microsoft.Extensions.Logging.Console;

namespace Omnichannel.Hub.Analytics;

/// <summary>
/// The console log without log scopes, unless its formatter is set to print them (<c>Logging:Console:FormatterOptions:IncludeScopes</c>).
/// </summary>
/// <remarks>A provider that takes external scopes makes every <c>BeginScope</c> push onto an async-local stack —
/// Kestrel's connection scope, SignalR's and the request's each time — and a WebSocket keeps its three for as long as it
/// is open: three scope objects and three execution contexts per idle widget, printed by nobody while the formatter
/// leaves scopes out. Wrapped, the console takes no scope provider, so the logger factory keeps none.</remarks>
public sealed class ScopelessConsole(ILoggerProvider console) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => console.CreateLogger(categoryName);

    public void Dispose() => console.Dispose();

    /// <summary>Wraps the console provider the host registered, when no formatter is set to include scopes.</summary>
    public static void Apply(WebApplicationBuilder builder)
    {
        var console = builder.Configuration.GetSection("Logging:Console");
        if (console.GetValue<bool>("FormatterOptions:IncludeScopes") || console.GetValue<bool>("IncludeScopes"))
            return;
        var registered = builder.Services.FirstOrDefault(d => d.ServiceType == typeof(ILoggerProvider) && d.ImplementationType == typeof(ConsoleLoggerProvider));
        if (registered is null)
            return;
        builder.Services.Remove(registered);
        builder.Services.AddSingleton<ILoggerProvider>(services =>
            new ScopelessConsole(ActivatorUtilities.CreateInstance<ConsoleLoggerProvider>(services)));
    }
}
