using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Omnichannel.Hub.Tests.Infrastructure;

namespace Omnichannel.Hub.Tests.Protection;

public sealed class KeyProtectionTests
{
    [Fact]
    public async Task WithACertificate_TheKeyRingIsEncryptedAtRest()
    {
        using var hub = new HubFactory();
        Directory.CreateDirectory(hub.DataDirectory);
        var pfx = Path.Combine(hub.DataDirectory, "keys.pfx");
        using (var rsa = RSA.Create(2048))
        {
            var request = new CertificateRequest("CN=omnichannel-keys-test", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
            await File.WriteAllBytesAsync(pfx, certificate.Export(X509ContentType.Pfx, "test-pfx-password"));
        }
        hub.Settings["DataProtection:CertificatePath"] = pfx;
        hub.Settings["DataProtection:CertificatePassword"] = "test-pfx-password";

        (await hub.Http().PostAsJsonAsync("/api/widget/visitor", new { token = (string?)null })).EnsureSuccessStatusCode();

        var ring = Directory.GetFiles(Path.Combine(hub.DataDirectory, "keys"), "key-*.xml").Select(File.ReadAllText).ToList();
        Assert.NotEmpty(ring);
        Assert.All(ring, xml =>
        {
            Assert.Contains("encryptedSecret", xml);
            Assert.DoesNotContain("<value>", xml); // an unprotected key ring holds the master key as <value>base64</value>
        });
    }
}
