from saidwhat.cli import main

main()
