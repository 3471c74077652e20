using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Omnichannel.Hub.Tests.Channels;

/// <summary>
/// The Bot Connector on loopback: OpenID metadata and JWKS (its signing keys, which a test can rotate), the
/// client-credentials token endpoint, and the REST API replies are posted to. Tokens for inbound activities are
/// signed here with a test RSA key, like the real connector signs them.
/// </summary>
public sealed class BotConnectorFake : IAsyncDisposable
{
    public const string Issuer = "https://api.botframework.com";
    public const string AppId = "app-id-for-tests";
    public const string AppPassword = "app-password-for-tests";
    public const string AccessToken = "connector-access-token";

    private volatile RsaSecurityKey[] published;
    private int replies;

    public FakeProvider Http { get; } = new();
    public RsaSecurityKey Current { get; private set; }

    public BotConnectorFake()
    {
        Current = NewKey("key-1");
        published = [Current];
        Http.Respond = call => Task.FromResult(Answer(call));
    }

    public string MetadataUrl => new Uri(Http.BaseAddress, "/v1/.well-known/openidconfiguration").ToString();
    public string TokenEndpoint => new Uri(Http.BaseAddress, "/oauth2/v2.0/token").ToString();
    public string ServiceUrl => new Uri(Http.BaseAddress, "/teams/").ToString();

    public static RsaSecurityKey NewKey(string id) => new(RSA.Create(2048)) { KeyId = id };

    /// <summary>The connector starts signing with a new key and publishes only that one.</summary>
    public RsaSecurityKey Rotate(string id)
    {
        Current = NewKey(id);
        published = [Current];
        return Current;
    }

    /// <summary>A token as the connector sends it with an activity; every part can be made wrong for a test.</summary>
    public string Token(string? serviceUrl = null, string audience = AppId, string issuer = Issuer, RsaSecurityKey? key = null, DateTime? expires = null)
    {
        var now = DateTime.UtcNow;
        var exp = expires ?? now.AddMinutes(60);
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            IssuedAt = exp.AddMinutes(-65),
            NotBefore = exp.AddMinutes(-65),
            Expires = exp,
            Claims = new Dictionary<string, object> { ["serviceurl"] = serviceUrl ?? ServiceUrl },
            SigningCredentials = new SigningCredentials(key ?? Current, SecurityAlgorithms.RsaSha256),
        });
    }

    private ProviderAnswer Answer(ProviderCall call)
    {
        if (call.Method == "GET" && call.Path == "/v1/.well-known/openidconfiguration")
            return new(200, JsonSerializer.Serialize(new
            {
                issuer = Issuer,
                authorization_endpoint = "https://invalid.botframework.com",
                jwks_uri = new Uri(Http.BaseAddress, "/v1/.well-known/keys").ToString(),
                id_token_signing_alg_values_supported = new[] { "RS256" },
                token_endpoint_auth_methods_supported = new[] { "private_key_jwt" },
            }));
        if (call.Method == "GET" && call.Path == "/v1/.well-known/keys")
            return new(200, JsonSerializer.Serialize(new { keys = published.Select(Jwk) }));
        if (call.Method == "POST" && call.Path == "/oauth2/v2.0/token")
            return call.Form.GetValueOrDefault("client_secret") == AppPassword && call.Form.GetValueOrDefault("grant_type") == "client_credentials"
                ? new(200, JsonSerializer.Serialize(new { token_type = "Bearer", expires_in = 3599, ext_expires_in = 3599, access_token = AccessToken }))
                : new(401, """{"error":"invalid_client","error_description":"AADSTS7000215: Invalid client secret provided."}""");
        if (call.Method == "POST" && call.Path.StartsWith("/teams/v3/conversations/", StringComparison.Ordinal))
            return call.Headers.GetValueOrDefault("Authorization") == $"Bearer {AccessToken}"
                ? new(201, JsonSerializer.Serialize(new { id = $"reply-{Interlocked.Increment(ref replies)}" }))
                : new(401, """{"error":{"code":"Unauthorized","message":"Authorization has been denied for this request."}}""");
        return new(404, """{"error":{"code":"NotFound","message":"Unknown path"}}""");
    }

    private static object Jwk(RsaSecurityKey key)
    {
        var p = key.Rsa.ExportParameters(false);
        return new { kty = "RSA", use = "sig", kid = key.KeyId, n = Base64UrlEncoder.Encode(p.Modulus), e = Base64UrlEncoder.Encode(p.Exponent), endorsements = new[] { "msteams", "directline" } };
    }

    public ValueTask DisposeAsync() => Http.DisposeAsync();
}
