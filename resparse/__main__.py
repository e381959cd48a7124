from resparse.cli import main

main()
