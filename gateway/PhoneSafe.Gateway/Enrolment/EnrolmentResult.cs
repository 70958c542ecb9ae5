using PhoneSafe.Gateway.Model;

namespace PhoneSafe.Gateway.Enrolment;

/// <summary>
/// What enrolling or linking a card did.
/// </summary>
/// <param name="Status">The outcome.</param>
/// <param name="Credential">The credential, when the card is the person's now.</param>
public sealed record EnrolmentResult(EnrolmentStatus Status, CredentialInfo? Credential = null);
