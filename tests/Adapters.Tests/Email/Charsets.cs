using System.Runtime.CompilerServices;

namespace Omnichannel.Adapters.Tests.Email;

internal static class Charsets
{
    /// <summary>As the hub does at start (AddEmailChannel): before any test touches MimeKit.</summary>
#pragma warning disable CA2255
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void Register() => Omnichannel.Adapters.Email.EmailMapper.RegisterLegacyCharsets();
}
