using Microsoft.AspNetCore.Authorization;
using PhoneSafe.Gateway.Model;

namespace PhoneSafe.Gateway.Security;

/// <summary>
/// Authorization policies: which roles reach which part of the dashboard and API.
/// </summary>
public static class Policies
{
    /// <summary>Phones in custody now (Today board, custody API): SLT, Office, Admin.</summary>
    public const string Custody = nameof(Custody);

    /// <summary>Compliance figures and flag investigations: SLT and Admin. Office staff cannot see them.</summary>
    public const string Compliance = nameof(Compliance);

    /// <summary>Pupil phones in the office: Office, SLT, Admin.</summary>
    public const string Office = nameof(Office);

    /// <summary>Recording consent to keep a pupil's phone safe: the Headteacher only.</summary>
    public const string Consent = nameof(Consent);

    /// <summary>The school's audit log: SLT, who review it from outside the Admin role, and Admin.</summary>
    public const string AuditReview = nameof(AuditReview);

    /// <summary>The governors' and inspection report (school figures, no one named): SLT, Headteacher, Admin.</summary>
    public const string GovernorsReport = nameof(GovernorsReport);

    /// <summary>Lockers, people, calendar, accounts, ingest internals: Admin.</summary>
    public const string Administration = nameof(Administration);

    /// <summary>
    /// Registers the policies.
    /// </summary>
    /// <param name="options">Authorization options.</param>
    public static void Add(AuthorizationOptions options)
    {
        options.AddPolicy(Custody, p => p.RequireRole(UserRoles.Slt, UserRoles.Office, UserRoles.Admin));
        options.AddPolicy(Compliance, p => p.RequireRole(UserRoles.Slt, UserRoles.Admin));
        options.AddPolicy(Office, p => p.RequireRole(UserRoles.Office, UserRoles.Slt, UserRoles.Admin));
        options.AddPolicy(Consent, p => p.RequireRole(UserRoles.Headteacher));
        options.AddPolicy(AuditReview, p => p.RequireRole(UserRoles.Slt, UserRoles.Admin));
        options.AddPolicy(GovernorsReport, p => p.RequireRole(UserRoles.Slt, UserRoles.Headteacher, UserRoles.Admin));
        options.AddPolicy(Administration, p => p.RequireRole(UserRoles.Admin));
        options.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
    }
}
