# Client keys in Windows key storage: Import-HyprClientKey, Remove-HyprClientKey and -KeyName.
# Everywhere: how the parameters bind. Linux and macOS: every one of them refuses at once with
# ClientKeyStoreUnsupported, before reading a key or sending a request. Windows (tag Windows, run only there): import,
# sign, verify with the public key, a token from the emulator, the key's access list, removal; the same in Windows
# PowerShell 5.1 (tag WindowsPowerShell), where .NET Framework's CNG classes answer.
BeforeDiscovery {
    $script:onWindows = $PSVersionTable.PSEdition -eq 'Desktop' -or $IsWindows
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-HyprModuleManifest) -Force
    $script:emulator = Start-TestEmulator
}

AfterAll {
    Stop-HyprEmulator $emulator
}

Describe 'Stored client keys: parameter binding' {
    It 'Import-HyprClientKey takes -Name with -ClientKey or -KeyPath, -Scope and -GrantAccess, and supports -WhatIf' {
        $command = Get-Command Import-HyprClientKey
        @($command.ParameterSets.Name | Sort-Object) | Should -Be @('ClientKey', 'KeyPath')
        $command.Parameters['Scope'].ParameterType | Should -Be ([HyprAuth.HyprKeyScope])
        [enum]::GetNames([HyprAuth.HyprKeyScope]) | Should -Be @('CurrentUser', 'LocalMachine')
        $command.Parameters['GrantAccess'].ParameterType | Should -Be ([string[]])
        $command.Parameters.ContainsKey('WhatIf') | Should -BeTrue
    }

    It 'Remove-HyprClientKey asks first (ConfirmImpact High)' {
        $metadata = [System.Management.Automation.CommandMetadata]::new((Get-Command Remove-HyprClientKey))
        $metadata.SupportsShouldProcess | Should -BeTrue
        $metadata.ConfirmImpact | Should -Be 'High'
    }

    It '<Command> binds -KeyName to its own parameter set' -ForEach @(
        @{ Command = 'New-HyprClientAssertion'; Arguments = @('-ClientId', 'hypap-x', '-KeyName', 'hypr-audit') }
        @{
            Command = 'Get-HyprAccessToken'
            Arguments = @('-TenantUri', 'https://example.hypr.com', '-ClientId', 'hypap-x', '-KeyName', 'hypr-audit')
        }
        @{ Command = 'Connect-Hypr'; Arguments = @('-TenantUri', 'https://example.hypr.com', '-ClientId', 'hypap-x', '-KeyName', 'hypr-audit') }
    ) {
        (Get-Command $Command).ParameterSets.Name | Should -Contain 'KeyName'
        # The parser's binding, without running anything: -KeyName cannot be combined with another key source.
        $ast = [System.Management.Automation.Language.Parser]::ParseInput("$Command $($Arguments -join ' ') -KeyPath ./k.pem", [ref]$null, [ref]$null)
        $call = $ast.FindAll({ param($node) $node -is [System.Management.Automation.Language.CommandAst] }, $true) | Select-Object -First 1
        $binding = [System.Management.Automation.Language.StaticParameterBinder]::BindCommand($call, $true)
        $binding.BindingExceptions.Count | Should -BeGreaterThan 0 -Because '-KeyName and -KeyPath are in different parameter sets'
    }
}

Describe 'Stored client keys off Windows: one clear refusal' -Skip:$onWindows {
    It 'Import-HyprClientKey refuses at once with ClientKeyStoreUnsupported, before reading the key (even with -WhatIf)' {
        $client = New-EmulatorClient $emulator
        $missing = Join-Path $TestDrive 'no-such.key'
        foreach ($call in @(
                { Import-HyprClientKey -Name 'hypr-test' -ClientKey $client.clientKey -ErrorAction Stop }
                { Import-HyprClientKey -Name 'hypr-test' -KeyPath $missing -WhatIf -ErrorAction Stop }
            )) {
            $record = $null
            try { & $call } catch { $record = $_ }
            $record | Should -Not -BeNullOrEmpty
            $record.FullyQualifiedErrorId | Should -BeLike 'ClientKeyStoreUnsupported,*'
            $record.CategoryInfo.Category | Should -Be 'NotImplemented'
            Get-ErrorText $record | Should -Not -Match ([regex]::Escape($client.clientKey))
        }
    }

    It 'Remove-HyprClientKey refuses at once with ClientKeyStoreUnsupported' {
        { Remove-HyprClientKey -Name 'hypr-test' -Confirm:$false -ErrorAction Stop } | Should -Throw -ErrorId 'ClientKeyStoreUnsupported,*'
    }

    It 'New-HyprClientAssertion -KeyName refuses with ClientKeyStoreUnsupported' {
        $assertion = New-HyprClientAssertion -ClientId 'hypap-x' -KeyName 'hypr-test' -ErrorAction SilentlyContinue -ErrorVariable failures
        $assertion | Should -BeNullOrEmpty
        @($failures).Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'ClientKeyStoreUnsupported,*'
        $failures[0].ErrorDetails.RecommendedAction | Should -Match '-ClientKey or -KeyPath'
    }

    It '<Command> -KeyName refuses with ClientKeyStoreUnsupported and sends nothing' -ForEach @(
        @{ Command = 'Get-HyprAccessToken' }
        @{ Command = 'Connect-Hypr' }
    ) {
        $before = Get-EmulatorRequestTotal $emulator
        { & $Command -TenantUri $emulator.BaseUri -ClientId 'hypap-x' -KeyName 'hypr-test' -ErrorAction Stop } |
            Should -Throw -ErrorId 'ClientKeyStoreUnsupported,*'
        Get-EmulatorRequestTotal $emulator | Should -Be $before
        Get-HyprContext | Should -BeNullOrEmpty
    }
}

Describe 'Stored client keys on Windows' -Tag Windows -Skip:(-not $onWindows) {
    BeforeAll {
        $script:keyName = 'hyprauth-test-' + [guid]::NewGuid().ToString('N')
        $script:client = New-EmulatorClient $emulator
    }

    AfterAll {
        Remove-HyprClientKey -Name $keyName -Confirm:$false -ErrorAction SilentlyContinue
    }

    It 'stores the key, not exportable, and signs assertions that verify with the client''s public key' {
        Import-HyprClientKey -Name $keyName -ClientKey $client.clientKey
        $stored = [System.Security.Cryptography.CngKey]::Open($keyName,
            [System.Security.Cryptography.CngProvider]::MicrosoftSoftwareKeyStorageProvider)
        try { $stored.ExportPolicy | Should -Be 'None' } finally { $stored.Dispose() }

        $assertion = New-HyprClientAssertion -ClientId $client.clientId -KeyName $keyName
        Test-HyprClientAssertion -Jwt $assertion -PublicKey ($client.publicJwk | ConvertTo-Json -Compress) -ClientId $client.clientId -Quiet |
            Should -BeTrue
    }

    It 'gets a token from the tenant with -KeyName' {
        $token = Get-HyprAccessToken -TenantUri $emulator.BaseUri -ClientId $client.clientId -KeyName $keyName -Force
        $token.ClientId | Should -Be $client.clientId
    }

    It 'connects with -KeyName (KeySource KeyStore)' {
        Connect-Hypr -TenantUri $emulator.BaseUri -ClientId $client.clientId -KeyName $keyName
        try { (Get-HyprContext).KeySource | Should -Be 'KeyStore' } finally { Disconnect-Hypr }
    }

    It 'refuses a second import under the same name with StoredClientKeyExists' {
        { Import-HyprClientKey -Name $keyName -ClientKey $client.clientKey -ErrorAction Stop } | Should -Throw -ErrorId 'StoredClientKeyExists,*'
    }

    It 'gives the owner full control and the granted account read access, nothing inherited' {
        $granted = 'hyprauth-test-granted-' + [guid]::NewGuid().ToString('N').Substring(0, 8)
        Import-HyprClientKey -Name $granted -ClientKey $client.clientKey -GrantAccess 'NT AUTHORITY\LOCAL SERVICE'
        try {
            $stored = [System.Security.Cryptography.CngKey]::Open($granted,
                [System.Security.Cryptography.CngProvider]::MicrosoftSoftwareKeyStorageProvider)
            try {
                $bytes = $stored.GetProperty('Security Descr', [System.Security.Cryptography.CngPropertyOptions]4).GetValue()
            }
            finally { $stored.Dispose() }
            $sddl = [System.Security.AccessControl.RawSecurityDescriptor]::new($bytes, 0).GetSddlForm('Access')
            $sddl | Should -Match '^D:P'
            $sddl | Should -Match '\(A;;GA;;;OW\)'
            $sddl | Should -Match '\(A;;GR;;;(LS|S-1-5-19)\)'
            $sddl | Should -Not -Match ';;;(WD|BU|AU)\)'
        }
        finally { Remove-HyprClientKey -Name $granted -Confirm:$false }
    }

    It 'refuses an account that does not exist with GrantAccessAccountNotFound, storing nothing' {
        $name = 'hyprauth-test-nobody-' + [guid]::NewGuid().ToString('N').Substring(0, 8)
        { Import-HyprClientKey -Name $name -ClientKey $client.clientKey -GrantAccess "NO-SUCH-DOMAIN\nobody-$name" -ErrorAction Stop } |
            Should -Throw -ErrorId 'GrantAccessAccountNotFound,*'
        { New-HyprClientAssertion -ClientId $client.clientId -KeyName $name -ErrorAction Stop } | Should -Throw -ErrorId 'StoredClientKeyNotFound,*'
    }

    It 'denies an account that was not granted access (StoredClientKeyAccessDenied)' {
        # A local account of our own, signing with a LocalMachine key that names only its owner: access denied.
        $user = 'hyprtest' + [guid]::NewGuid().ToString('N').Substring(0, 8)
        $machineKey = 'hyprauth-test-machine-' + [guid]::NewGuid().ToString('N').Substring(0, 8)
        $password = ConvertTo-SecureString -String ('Aa1!' + [guid]::NewGuid().ToString('N')) -AsPlainText -Force
        $output = Join-Path $env:PUBLIC "$user.txt"
        New-LocalUser -Name $user -Password $password | Out-Null
        try {
            Import-HyprClientKey -Name $machineKey -ClientKey $client.clientKey -Scope LocalMachine
            # A try statement cannot feed a pipeline itself: the script block around it can.
            $script = "& { try { Import-Module '$(Get-HyprModuleManifest)'; " +
                "New-HyprClientAssertion -ClientId x -KeyName '$machineKey' -ErrorAction Stop | Out-Null; 'signed' } " +
                "catch { `$_.FullyQualifiedErrorId } } | Set-Content -LiteralPath '$output'"
            $parseErrors = $null
            [void][System.Management.Automation.Language.Parser]::ParseInput($script, [ref]$null, [ref]$parseErrors)
            $parseErrors | Should -BeNullOrEmpty -Because 'a script that does not parse would only show as a missing output file'
            # Windows PowerShell 5.1, which every account can run: this PowerShell may be the local .NET tool, inside the
            # runner's own profile, where a new account cannot read. -EncodedCommand needs no quoting, as
            # Start-Process -ArgumentList would (it joins the arguments with spaces).
            $encoded = [Convert]::ToBase64String([System.Text.Encoding]::Unicode.GetBytes($script))
            $start = @{
                FilePath         = Get-WindowsPowerShellPath
                ArgumentList     = '-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-EncodedCommand', $encoded
                Credential       = [pscredential]::new("$env:COMPUTERNAME\$user", $password)
                WorkingDirectory = $env:PUBLIC
                WindowStyle      = 'Hidden'
            }
            $process = Start-Process @start -Wait -PassThru
            $process.ExitCode | Should -Be 0
            Get-Content -LiteralPath $output -Raw | Should -BeLike 'StoredClientKeyAccessDenied,*'
        }
        finally {
            Remove-HyprClientKey -Name $machineKey -Scope LocalMachine -Confirm:$false -ErrorAction SilentlyContinue
            Remove-LocalUser -Name $user -ErrorAction SilentlyContinue
            Remove-Item -LiteralPath $output -ErrorAction SilentlyContinue
        }
    }

    It 'imports, signs with, gets a token with and removes a stored key in Windows PowerShell 5.1' -Tag WindowsPowerShell {
        $name = 'hyprauth-test-desktop-' + [guid]::NewGuid().ToString('N').Substring(0, 8)
        $environment = @{ HYPRAUTH_TEST_KEY_NAME = $name }
        $result = Invoke-HyprFlowChild -Emulator $emulator -Client $client -Edition Desktop -Environment $environment -Script @'
Import-Module $env:HYPRAUTH_TEST_MANIFEST
$key = ConvertTo-SecureString -String $env:HYPRAUTH_TEST_CLIENT_KEY -AsPlainText -Force
$stored = Import-HyprClientKey -Name $env:HYPRAUTH_TEST_KEY_NAME -ClientKey $key -PassThru
try {
    $assertion = New-HyprClientAssertion -ClientId $env:HYPRAUTH_TEST_CLIENT_ID -KeyName $env:HYPRAUTH_TEST_KEY_NAME
    $token = Get-HyprAccessToken -TenantUri $env:HYPRAUTH_TEST_TENANT -ClientId $env:HYPRAUTH_TEST_CLIENT_ID -KeyName $env:HYPRAUTH_TEST_KEY_NAME
}
finally { Remove-HyprClientKey -Name $env:HYPRAUTH_TEST_KEY_NAME -Confirm:$false }
[ordered]@{
    Edition       = $PSVersionTable.PSEdition
    KeyThumbprint = $stored.KeyThumbprint
    Assertion     = $assertion.Jwt
    TokenClientId = $token.ClientId
} | ConvertTo-Json -Compress
'@
        $result.Edition | Should -Be 'Desktop'
        $result.KeyThumbprint | Should -Be (New-HyprClientAssertion -ClientId $client.clientId -ClientKey $client.clientKey).KeyId
        Test-HyprClientAssertion -Jwt $result.Assertion -PublicKey ($client.publicJwk | ConvertTo-Json -Compress) -ClientId $client.clientId -Quiet |
            Should -BeTrue
        $result.TokenClientId | Should -Be $client.clientId
        # Removed in 5.1, gone here too: both editions use the same key store.
        { New-HyprClientAssertion -ClientId $client.clientId -KeyName $name -ErrorAction Stop } | Should -Throw -ErrorId 'StoredClientKeyNotFound,*'
    }

    It 'deletes the key with Remove-HyprClientKey, and a second removal is StoredClientKeyNotFound' {
        $name = 'hyprauth-test-remove-' + [guid]::NewGuid().ToString('N').Substring(0, 8)
        $stored = Import-HyprClientKey -Name $name -ClientKey $client.clientKey -PassThru
        $stored.KeyThumbprint | Should -Be (New-HyprClientAssertion -ClientId $client.clientId -ClientKey $client.clientKey).KeyId
        $removed = $stored | Remove-HyprClientKey -Confirm:$false -PassThru
        $removed.KeyThumbprint | Should -Be $stored.KeyThumbprint
        { Remove-HyprClientKey -Name $name -Confirm:$false -ErrorAction Stop } | Should -Throw -ErrorId 'StoredClientKeyNotFound,*'
    }
}
