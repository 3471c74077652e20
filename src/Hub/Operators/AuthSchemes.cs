namespace Omnichannel.Hub.Operators;

public static class AuthSchemes
{
    /// <summary>Picks bearer when a token is presented, the login cookie otherwise.</summary>
    public const string Operator = "Operator";
    public const string Cookie = "OperatorCookie";
    public const string Bearer = "OperatorBearer";
    /// <summary>The widget's signed visitor token.</summary>
    public const string Visitor = "Visitor";
}

public static class Policies
{
    public const string Operator = "operator";
    public const string Supervisor = "supervisor";
    public const string Admin = "admin";
    /// <summary>Reports and the SLA and CSAT boards: supervisors, admins and the read-only analytics role.</summary>
    public const string Reports = "reports";
    /// <summary>Any current account, whatever its role (who am I, log out): the analytics role reloads the console too.</summary>
    public const string Account = "account";
}
