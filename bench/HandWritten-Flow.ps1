<#
.SYNOPSIS
    The hand-written alternative to HyprAuth, as a competent admin would write it for a scheduled task: .NET's ECDsa
    for the ES256 client assertion, Invoke-RestMethod for the token exchange and the API calls. No module, no cache.
.DESCRIPTION
    Used by bench/Invoke-Benchmarks.ps1 as the baseline of the cold-run and 1,000-call comparisons. It prints
    "ok <calls>" when the last API answer is what the tenant's introspect route returns.
.EXAMPLE
    pwsh -NoProfile -File HandWritten-Flow.ps1 -TenantUri https://highlandsbank.hypr.com -ClientId hypap-... -KeyPath ./client.key
#>
param(
    [Parameter(Mandatory)] [string] $TenantUri,
    [Parameter(Mandatory)] [string] $ClientId,
    # A file holding HYPR's "Client key": base64 PKCS#8 of the P-256 private key.
    [Parameter(Mandatory)] [string] $KeyPath,
    [int] $Calls = 1
)
$ErrorActionPreference = 'Stop'

function ConvertTo-Base64Url([byte[]] $Bytes) {
    [Convert]::ToBase64String($Bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_')
}

# The client assertion: ES256 over base64url(header).base64url(claims). .NET signs in the IEEE P1363 (R||S) form JWS wants.
$ecdsa = [System.Security.Cryptography.ECDsa]::Create()
try {
    $bytesRead = 0
    $ecdsa.ImportPkcs8PrivateKey([Convert]::FromBase64String((Get-Content -LiteralPath $KeyPath -Raw).Trim()), [ref] $bytesRead)
    $now = [DateTimeOffset]::UtcNow.ToUnixTimeSeconds()
    $header = [ordered]@{ alg = 'ES256'; typ = 'JWT'; kid = [guid]::NewGuid().ToString() } | ConvertTo-Json -Compress
    $claims = [ordered]@{
        iss = 'https://hypr.com'; sub = $ClientId; aud = 'https://hypr.com'; jti = [guid]::NewGuid().ToString()
        exp = $now + 300; iat = $now; nbf = $now
    } | ConvertTo-Json -Compress
    $signingInput = (ConvertTo-Base64Url ([Text.Encoding]::UTF8.GetBytes($header))) + '.' + (ConvertTo-Base64Url ([Text.Encoding]::UTF8.GetBytes($claims)))
    $signature = $ecdsa.SignData([Text.Encoding]::ASCII.GetBytes($signingInput), [Security.Cryptography.HashAlgorithmName]::SHA256)
    $assertion = $signingInput + '.' + (ConvertTo-Base64Url $signature)
}
finally {
    $ecdsa.Dispose()
}

# The exchange: a form POST (Invoke-RestMethod form-encodes a hashtable body).
$token = Invoke-RestMethod -Method Post -Uri "$TenantUri/rp/token/endpoint/exchange/clientcredentials" -Body @{
    grant_type            = 'authorization_code'
    client_assertion_type = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer'
    client_assertion      = $assertion
}
$headers = @{ Authorization = "Bearer $($token.access_token)" }

# The API calls.
for ($i = 0; $i -lt $Calls; $i++) {
    $result = Invoke-RestMethod -Uri "$TenantUri/rp/api/bulk/HYPRDefaultApplication/introspect" -Headers $headers
}
if (-not $result.entities) { throw 'The introspect answer has no entities.' }
"ok $Calls"
