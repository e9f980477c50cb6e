using System;

namespace HyprAuth.Core.Errors;

/// <summary>
/// Base of every error the engine throws. Messages never contain key material, assertions or tokens:
/// the cmdlets put them into ErrorRecords and transcripts as they are.
/// </summary>
public abstract class HyprAuthException(string message, Exception? innerException = null) : Exception(message, innerException);
