namespace Omnichannel.Hub.Canned;

/// <summary>Bound from <c>CannedResponses</c>.</summary>
public sealed class CannedOptions
{
    public const string Section = "CannedResponses";

    /// <summary>Shop-wide custom variables, used as {{shop.NAME}} (e.g. shop.returnsUrl).</summary>
    public Dictionary<string, string> Variables { get; set; } = [];

    public int MaxLength { get; set; } = 4000;
}
