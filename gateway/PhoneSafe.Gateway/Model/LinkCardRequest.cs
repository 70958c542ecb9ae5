namespace PhoneSafe.Gateway.Model;

/// <summary>
/// Body of POST .../enrolments/pending/{credential}: whose card it is.
/// </summary>
/// <param name="PersonId">The person to link the card to.</param>
public sealed record LinkCardRequest(string? PersonId);
