using MimeKit;

namespace Omnichannel.Adapters.Tests.Email;

internal static class Payloads
{
    public static byte[] Raw(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Payloads", "Email", name));

    public static MimeMessage Load(string name) => Omnichannel.Adapters.Email.EmailMapper.Load(Raw(name));

    public static Omnichannel.Adapters.Email.ParsedEmail Read(string name)
    {
        var raw = Raw(name);
        return Omnichannel.Adapters.Email.EmailMapper.Read(Omnichannel.Adapters.Email.EmailMapper.Load(raw), raw);
    }
}
