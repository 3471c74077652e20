using Omnichannel.Hub.Analytics;

namespace Omnichannel.Hub.Tests.Protection;

public sealed class MetricsAccessTests
{
    [Theory]
    [InlineData(null, null, false, null, 8080, false)]
    [InlineData(null, null, false, null, 8080, true, true)]
    [InlineData("s3cret", null, false, "Bearer s3cret", 8080, false, true)]
    [InlineData("s3cret", null, false, "Bearer wrong", 8080, false)]
    [InlineData(null, 9100, false, null, 9100, false, true)]
    [InlineData(null, 9100, false, null, 8080, true)]
    [InlineData(null, null, true, null, 8080, false, true)]
    public void OnlyATokenTheManagementPortOrASupervisor_ReadsTheMetrics(
        string? token, int? port, bool anonymous, string? authorization, int localPort, bool supervisor, bool allowed = false) =>
        Assert.Equal(allowed, MetricsAccess.Allowed(new MetricsOptions { ScrapeToken = token, ManagementPort = port, Anonymous = anonymous }, authorization, localPort, supervisor));
}
