from sinoscope.interfaces.cli.main import main

main()
