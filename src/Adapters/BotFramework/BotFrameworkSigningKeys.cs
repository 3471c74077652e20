using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace Omnichannel.Adapters.BotFramework;

/// <summary>
/// The Bot Connector's signing keys from its OpenID metadata, cached: fetched again after
/// <see cref="BotFrameworkOptions.KeyRefreshInterval"/>, or when a token names a key we do not know (keys rotate),
/// at most once per <see cref="BotFrameworkOptions.MinKeyRefreshInterval"/> so forged key ids cannot hammer the metadata.
/// </summary>
public sealed class BotFrameworkSigningKeys(IHttpClientFactory httpClients, IOptions<BotFrameworkOptions> options, TimeProvider time)
{
    public const string HttpClientName = "botframework-auth";

    private readonly SemaphoreSlim gate = new(1, 1);
    private ICollection<SecurityKey>? keys;
    private DateTimeOffset fetchedAt;

    /// <summary>The current keys; <paramref name="unknownKeySeen"/> asks for fresh ones (honoured once per minimum interval).</summary>
    public async Task<ICollection<SecurityKey>> GetAsync(bool unknownKeySeen, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (keys is { } cached && !Due(settings, unknownKeySeen))
            return cached;
        await gate.WaitAsync(cancellationToken);
        try
        {
            if (keys is { } again && !Due(settings, unknownKeySeen))
                return again;
            var retriever = new HttpDocumentRetriever(httpClients.CreateClient(HttpClientName))
            {
                RequireHttps = new Uri(settings.OpenIdMetadataUrl).Scheme == Uri.UriSchemeHttps,
            };
            var metadata = await OpenIdConnectConfigurationRetriever.GetAsync(settings.OpenIdMetadataUrl, retriever, cancellationToken);
            keys = metadata.SigningKeys;
            fetchedAt = time.GetUtcNow();
            return keys;
        }
        finally
        {
            gate.Release();
        }
    }

    private bool Due(BotFrameworkOptions settings, bool unknownKeySeen)
    {
        var age = time.GetUtcNow() - fetchedAt;
        return age >= settings.KeyRefreshInterval || (unknownKeySeen && age >= settings.MinKeyRefreshInterval);
    }
}
