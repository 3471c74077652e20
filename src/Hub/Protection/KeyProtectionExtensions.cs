using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;

// Add…/Map… extensions live in the host's namespace, so Program.cs reads as a plain table of contents.
namespace Microsoft.AspNetCore.Builder;

/// <summary>Bound from <c>DataProtection</c>: how the keys that sign visitor tokens and login cookies are protected at rest.</summary>
public sealed class KeyProtectionOptions
{
    public const string Section = "DataProtection";

    /// <summary>A PFX certificate whose key encrypts the key ring (an X.509 from your PKI or a KMS export).</summary>
    public string? CertificatePath { get; set; }

    /// <summary>The PFX password (from an environment variable or secret store, never the repo).</summary>
    public string? CertificatePassword { get; set; }
}

public static class KeyProtectionExtensions
{
    /// <summary>With <c>DataProtection:CertificatePath</c>, the key ring on disk is encrypted with that certificate.</summary>
    public static WebApplicationBuilder AddKeyProtection(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(KeyProtectionOptions.Section).Get<KeyProtectionOptions>() ?? new KeyProtectionOptions();
        if (string.IsNullOrWhiteSpace(options.CertificatePath))
            return builder;
        var path = Path.Combine(builder.Environment.ContentRootPath, options.CertificatePath);
        var certificate = X509CertificateLoader.LoadPkcs12FromFile(path, options.CertificatePassword, X509KeyStorageFlags.EphemeralKeySet);
        builder.Services.AddDataProtection().ProtectKeysWithCertificate(certificate).UnprotectKeysWithAnyCertificate(certificate);
        return builder;
    }
}
